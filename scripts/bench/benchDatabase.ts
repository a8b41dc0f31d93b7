import postgres from 'postgres';

/** A new database on the server of `url`, so that runs never add to each other's data. */
export async function createBenchDatabase(url: string, purpose: string): Promise<string> {
  const name = `mahdar_bench_${purpose}_${process.pid}_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const created = new URL(url);
  created.pathname = `/${name}`;
  return created.toString();
}

export async function dropBenchDatabase(url: string, created: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${new URL(created).pathname.slice(1)} with (force)`);
  await admin.end();
}

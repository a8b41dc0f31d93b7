import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../buildServer.js';
import { READY_PREFIX, type ServerReady } from './servers/ready.js';
import { startCommand } from './startCommand.js';

const TICKS_PER_SECOND = 100; // Linux USER_HZ
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Its own build of the server, so a benchmark never replaces the one `npm start` runs. */
const BUILD_DIR = path.join('dist', 'bench-node');
let built: Promise<number> | undefined;

/**
 * A harness as the server runs in production (`npm start`): its JavaScript, run by node without
 * tsx's loader (whose thread would count in the server's memory and CPU), built once per run.
 */
async function compiled(script: string): Promise<string> {
  built ??= buildServer(ROOT, BUILD_DIR);
  await built;
  return path.join(ROOT, BUILD_DIR, path.relative(ROOT, script)).replace(/\.ts$/, '.js');
}

/**
 * The node arguments and environment that run `source` as `npm start` runs the server (its
 * build, its flags and environment), so that every benchmark server uses the same runtime.
 * BENCH_NODE_ARGS replaces the node flags (e.g.
 * `--max-semi-space-size=8 --cpu-prof --cpu-prof-dir=prof`); BENCH_SERVER_STDOUT=file appends the
 * server's standard output to `file`, each line after the time it was read (epoch ms), e.g. with
 * `--trace-gc` to see which pauses the slow keystrokes of BENCH_TIMELINE met.
 */
export async function asNpmStartRuns(source: string): Promise<{ args: string[]; env: Record<string, string> }> {
  const script = await compiled(source);
  const production = startCommand();
  const flags = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? production.flags;
  return { args: [...flags, script], env: { ...production.env, ...(process.env as Record<string, string>) } };
}

export interface ServerMemory {
  /** Resident set size, bytes. */
  rss: number;
  /** Documents the server holds in memory. */
  loadedDocuments: number;
  /** The main thread's JS heap in use, bytes (where a leak of the server's own objects shows). */
  heapUsed: number;
}

/** A benchmark server in its own process, so its CPU and memory are its own. */
export class BenchServerProcess {
  peakRssMb = 0;
  private readonly child: ChildProcess;
  private readonly sampler: NodeJS.Timeout;
  private cpuAtStart = 0;
  private wallAtStart = 0;

  private readonly rssWaiters: ((memory: ServerMemory) => void)[] = [];

  private constructor(child: ChildProcess, readonly ready: ServerReady, lines: ReturnType<typeof createInterface>) {
    this.child = child;
    // A stream, not a synchronous write per line: this process is the load generator, and
    // `--trace-gc` prints many lines while it measures.
    const copy = process.env.BENCH_SERVER_STDOUT ? createWriteStream(process.env.BENCH_SERVER_STDOUT, { flags: 'a' }) : null;
    child.once('exit', () => copy?.end());
    lines.on('line', (line) => {
      copy?.write(`${Date.now()} ${line}\n`);
      if (!line.startsWith('BENCH-RSS ')) return;
      const [rss, loaded, heap] = line.slice(10).split(' ').map(Number);
      this.rssWaiters.shift()?.({ rss: rss!, loadedDocuments: loaded ?? NaN, heapUsed: heap ?? NaN });
    });
    this.sampler = setInterval(() => this.sample(), 100);
  }

  static async start(source: string, env: Record<string, string>): Promise<BenchServerProcess> {
    const production = await asNpmStartRuns(source);
    const child = spawn(process.execPath, ['--expose-gc', ...production.args], {
      env: { ...production.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout! });
    const ready = await new Promise<ServerReady>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${production.args.at(-1)} exited (${code}) before it was ready`)));
      lines.on('line', (line) => {
        if (line.startsWith(READY_PREFIX)) resolve(JSON.parse(line.slice(READY_PREFIX.length)) as ServerReady);
      });
    });
    return new BenchServerProcess(child, ready, lines);
  }

  /** The server's resident set after a full garbage collection (servers that report it on SIGUSR2). */
  async rssAfterGc(): Promise<number> {
    return (await this.memoryAfterGc()).rss;
  }

  /** The same, with how many documents the server holds and its JS heap (Mahdar). */
  memoryAfterGc(): Promise<ServerMemory> {
    const answer = new Promise<ServerMemory>((resolve) => this.rssWaiters.push(resolve));
    this.child.kill('SIGUSR2');
    return answer;
  }

  /** CPU the server process has used so far (all its threads), ms; 10 ms resolution. */
  cpuMs(): number {
    return processCpuMs(this.child.pid!);
  }

  /** Starts the CPU measurement window. */
  markStart(): void {
    this.cpuAtStart = cpuTicksOf(this.child.pid!);
    this.wallAtStart = performance.now();
  }

  /** CPU used since markStart, in % of one core. */
  cpuPercent(): number {
    const seconds = (performance.now() - this.wallAtStart) / 1000;
    return ((cpuTicksOf(this.child.pid!) - this.cpuAtStart) / TICKS_PER_SECOND / seconds) * 100;
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    this.sample();
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      this.peakRssMb = Math.max(this.peakRssMb, kb / 1024);
    } catch {
      // exited
    }
  }
}

/** CPU a process has used so far (all its threads), in ticks of 10 ms; 0 once it has exited. */
function cpuTicksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
}

/** CPU a process has used so far, ms (10 ms resolution). */
export function processCpuMs(pid: number): number {
  return (cpuTicksOf(pid) / TICKS_PER_SECOND) * 1000;
}

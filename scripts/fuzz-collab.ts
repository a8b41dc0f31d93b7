/**
 * `npm run fuzz:collab -- N [seed]`: sends N seeded hostile frames (random bytes, mutated sync,
 * update and awareness frames, huge varints, hand-built updates with every Yjs content type and
 * bad parents, deep nesting, foreign client ids) to a real server process as every role, and
 * checks after each batch that the process is alive, health is fast, an honest editor still
 * saves, the stored minutes are valid and readable and memory is bounded. Uses DATABASE_URL
 * when set (a fresh database on that server), else the embedded one. Exits 1 on any failure.
 */
import { runCollabFuzz } from '../server/src/test/fuzz/collabFuzzer.js';

const [framesArg, seedArg] = process.argv.slice(2);
if ((framesArg && !/^\d+$/.test(framesArg)) || (seedArg && !/^\d+$/.test(seedArg))) {
  console.error('usage: npm run fuzz:collab -- [frames] [seed]');
  process.exit(2);
}
const frames = Number(framesArg ?? 10_000);
const seed = Number(seedArg ?? process.env.FUZZ_SEED ?? Date.now() >>> 0);
console.log(`fuzz:collab: ${frames} frames, seed ${seed} (replay: npm run fuzz:collab -- ${frames} ${seed})`);
const report = await runCollabFuzz({ frames, seed, log: (line) => console.log(line) });
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
console.log(
  [
    `frames ${report.frames} in ${report.seconds.toFixed(0)} s over ${report.connections} connections`,
    `crashes ${report.crashes}, poisoned documents ${report.poisoned.length}, other failures ${report.failures.length}, stalls ${report.stalls}`,
    `server RSS ${mb(report.startRssBytes)} at start, ${mb(report.maxRssBytes)} at most`,
    `health at most ${report.maxHealthMs.toFixed(0)} ms, honest save at most ${report.maxHonestSaveMs.toFixed(0)} ms (after batch ${report.slowestSaveBatch})`,
    `the honest editor's connection closed ${report.honestCloses.length} times ${JSON.stringify(report.honestCloses)}`,
    `close codes ${JSON.stringify(report.closeCodes)}`,
    `frame kinds ${JSON.stringify(report.kinds)}`,
    `server errors logged ${JSON.stringify(report.serverErrors)}`,
    ...report.poisoned.map((p) => `POISONED ${p}`),
    ...report.failures.map((f) => `FAILED ${f}`),
  ].join('\n'),
);
process.exit(report.crashes + report.poisoned.length + report.failures.length > 0 ? 1 : 0);

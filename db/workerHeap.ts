import { setFlagsFromString } from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The `--max-semi-space-size` (MB) this process was started with; 0: not set, V8's own default.
 * The last one given wins, and the command line's come after NODE_OPTIONS'.
 */
export function semiSpaceFlag(args: readonly string[] = [...(process.env.NODE_OPTIONS ?? '').split(/\s+/), ...process.execArgv]): number {
  let mb = 0;
  args.forEach((arg, i) => {
    const flag = /^--max[-_]semi[-_]space[-_]size(?:=(\d+))?$/.exec(arg);
    if (flag) mb = Number(flag[1] ?? args[i + 1]) || 0;
  });
  return mb;
}

/**
 * A worker thread whose young generation is at most `youngGenerationMb`. `resourceLimits` alone
 * does not do it when the process was started with `--max-semi-space-size` (as `npm start`
 * starts the server, for the main thread): V8's flag overrides every isolate's own limit. So
 * the flag is unset while the worker's heap is set up and restored once it runs (`online`), or
 * once it has ended without running (`exit`); the flag is read only when a heap is set up, and
 * the main thread's was set up at start. No 'error' listener here: the caller's own handling of
 * a failed worker stays as it would be without this function (`exit` follows an error).
 */
export function workerWithYoungGeneration(file: string, options: WorkerOptions, youngGenerationMb: number): Worker {
  const flag = semiSpaceFlag();
  if (flag > 0) setFlagsFromString('--max-semi-space-size=0');
  const worker = new Worker(file, { ...options, resourceLimits: { ...options.resourceLimits, maxYoungGenerationSizeMb: youngGenerationMb } });
  if (flag === 0) return worker;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    setFlagsFromString(`--max-semi-space-size=${flag}`);
  };
  worker.once('online', restore);
  worker.once('exit', restore);
  return worker;
}

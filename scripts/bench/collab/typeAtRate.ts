import type { LoadClient } from './loadClient.js';

/**
 * Has every typist type into its line at `rate` keystrokes per second for `seconds` (a word of
 * four letters, then a space), spread over the first interval so that typists do not type in
 * lockstep. `begin` gets the start time before the first keystroke. Resolves with what each
 * typist typed (what its line must end with everywhere).
 */
export async function typeAtRate(typists: LoadClient[], rate: number, seconds: number, begin: (start: number) => void): Promise<string[]> {
  const interval = 1000 / rate;
  const start = performance.now();
  begin(start);
  const due = typists.map((_, i) => start + (interval * i) / typists.length);
  const typed = typists.map(() => '');
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      if (now - start >= seconds * 1000) {
        clearInterval(tick);
        resolve();
        return;
      }
      typists.forEach((t, i) => {
        while (due[i]! <= now) {
          const char = typed[i]!.length % 5 === 4 ? ' ' : 'ك';
          if (t.type(char)) typed[i] += char;
          due[i]! += interval;
        }
      });
    }, 2);
  });
  return typed;
}

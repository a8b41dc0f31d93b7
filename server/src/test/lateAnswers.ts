/**
 * A real function whose answer is handed on late, on demand: what a busy server does when an
 * answer read from the database (or a password checked) just before another request changed
 * things is acted on after that change. For races that need one exact interleaving.
 *
 * In a test file: `const late = vi.hoisted(() => ({ armed: false as boolean | string, answered: () => {},
 * release: Promise.resolve() }))` (vi.mock factories run before imports), then `vi.mock(path, async (real) => (await import('../test/lateAnswers.js')).answeringLate(await real(), 'fn', late))`,
 * and around the request: `const held = holdNext(late)` … `await held.answered` … `held.release()`.
 */
export interface LateAnswer {
  /** Hold the next call (whose first argument is this, if a string is given). */
  armed: boolean | string;
  answered: () => void;
  release: Promise<void>;
}

/** `module` with `name` replaced by the real function, whose next armed call answers late. */
export function answeringLate<M>(module: M, name: string, late: LateAnswer): M {
  const real = (module as Record<string, unknown>)[name];
  if (typeof real !== 'function') throw new Error(`answeringLate: the module has no function ${name}`);
  const held = async (...args: unknown[]) => {
    const answer: unknown = await real(...args);
    if (late.armed === true || (typeof late.armed === 'string' && args.includes(late.armed))) {
      late.armed = false;
      late.answered();
      await late.release;
    }
    return answer;
  };
  return { ...module, [name]: held };
}

/** Arms `late` (for calls with `argument`, if given): the next such call answers, then waits for `release()`. */
export function holdNext(late: LateAnswer, argument?: string): { answered: Promise<void>; release: () => void } {
  let release = () => {};
  const answered = new Promise<void>((resolve) => (late.answered = resolve));
  late.release = new Promise<void>((resolve) => (release = resolve));
  late.armed = argument ?? true;
  return { answered, release };
}

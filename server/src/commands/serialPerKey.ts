/**
 * Runs tasks with the same key one after the other (in this process). Approvals of one meeting
 * go through it, so two approvers finishing at the same moment cannot both miss that they
 * completed the set.
 */
export function serialPerKey() {
  const tails = new Map<string, Promise<unknown>>();
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

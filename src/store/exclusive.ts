/**
 * Runs `task` while holding a named lock: across tabs with Web Locks where the browser has
 * them, and always within this tab, so two writes never race for the same chain tip.
 */
const tails = new Map<string, Promise<unknown>>();

export function exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const run = locks ? () => locks.request(name, task) : task;
  const previous = tails.get(name) ?? Promise.resolve();
  const result = previous.then(run, run);
  const tail = result.catch(() => undefined);
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  return result;
}

// One writer at a time per process: an import's transaction spans awaits (streamed parsing), so
// other writes in the same process (server requests, a second import) queue behind it.
let tail: Promise<unknown> = Promise.resolve();

export function withWriteLock<T>(work: () => Promise<T> | T): Promise<T> {
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}

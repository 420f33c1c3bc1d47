import { afterEach } from 'node:test';

/**
 * For a contract suite: returns an opener that gives each test its own backend (`pick` chooses
 * the store out of what `open` returned) and registers, in the calling `describe`, an
 * `afterEach` that closes the one the test opened.
 */
export function openFreshPerTest<O extends { close(): Promise<void> }, S>(open: () => Promise<O>, pick: (opened: O) => S): () => Promise<S> {
  let opened: O | undefined;
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  return async () => {
    opened = await open();
    return pick(opened);
  };
}

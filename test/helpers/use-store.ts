// Vitest glue: opens a test store for a suite and cleans it up afterwards.
import { afterAll, beforeAll, type TestContext } from 'vitest';
import { openTestStore, type TestStore } from './stores.js';

/**
 * Returns a getter for the suite's store. Tests should start with `const t = get(ctx)`; on PostgreSQL without a
 * server (outside CI) the test is skipped.
 */
export function useTestStore(kind: 'sqlite' | 'postgres') {
  let ts: TestStore | null = null;
  beforeAll(async () => {
    ts = await openTestStore(kind);
  });
  afterAll(async () => {
    await ts?.cleanup();
  });
  return (ctx: TestContext): TestStore => {
    if (!ts) {
      ctx.skip(`no ${kind} store available`);
      throw new Error('unreachable');
    }
    return ts;
  };
}

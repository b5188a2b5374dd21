// Pages shared out between the calling thread and the worker as each is ready for one.
import { describe, expect, it } from 'vitest';
import { claimPage, newClaims, pageFailed } from '../../../src/importer/read/page-claims.js';

describe('claiming the pages of a PDF', () => {
  it('hands out every page once, in order, then none', () => {
    const claims = newClaims();
    const got: (number | null)[] = [];
    for (let i = 0; i < 7; i++) got.push(claimPage(claims, 5));
    expect(got).toEqual([1, 2, 3, 4, 5, null, null]);
  });

  it('starts no page after one that could not be read, and keeps the lowest such page', () => {
    const claims = newClaims();
    expect([claimPage(claims, 10), claimPage(claims, 10), claimPage(claims, 10), claimPage(claims, 10)]).toEqual([1, 2, 3, 4]);
    pageFailed(claims, 4); // one thread fails on page 4 while the other is still reading page 2
    expect(claimPage(claims, 10)).toBeNull();
    pageFailed(claims, 2);
    pageFailed(claims, 3);
    expect(Atomics.load(claims, 1)).toBe(2);
  });

  it('is shared with a worker thread', async () => {
    const { Worker } = await import('node:worker_threads');
    const claims = newClaims();
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const got = [];
       for (let p = Atomics.add(workerData, 0, 1) + 1; p <= 200; p = Atomics.add(workerData, 0, 1) + 1) got.push(p);
       parentPort.postMessage(got);`,
      { eval: true, workerData: claims },
    );
    const mine: number[] = [];
    for (let p = claimPage(claims, 200); p !== null; p = claimPage(claims, 200)) mine.push(p);
    const theirs = await new Promise<number[]>((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect([...mine, ...theirs].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});

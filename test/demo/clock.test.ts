// The demo's clock: the executive cycle's flows run their steps in date order among the loader's events, one at a
// time, and a flow's failure stops the loader.
import { describe, expect, it } from 'vitest';
import { DemoClock } from '../../src/demo/clock.js';

describe('the demo clock', () => {
  it('runs each flow\u2019s steps once the loader has written their day, in date order across flows', async () => {
    const clock = new DemoClock();
    const log: string[] = [];
    await clock.start(async () => {
      await clock.until('2026-01-05');
      log.push('a 5th');
      await clock.until('2026-01-20');
      log.push('a 20th');
    });
    await clock.start(async () => {
      await clock.until('2026-01-10');
      log.push('b 10th');
      await clock.until('2026-01-15');
      log.push('b 15th');
    });
    for (const day of ['2026-01-04', '2026-01-12', '2026-01-30']) {
      log.push(`events to ${day.slice(8)}th`);
      await clock.advance(day);
    }
    expect(log).toEqual(['events to 04th', 'events to 12th', 'a 5th', 'b 10th', 'events to 30th', 'b 15th', 'a 20th']);
  });

  it('passes a flow\u2019s error to the loader', async () => {
    const clock = new DemoClock();
    await clock.start(async () => {
      await clock.until('2026-01-05');
      throw new Error('the meeting is not in the record');
    });
    await expect(clock.advance('2026-02-01')).rejects.toThrow('the meeting is not in the record');
  });
});

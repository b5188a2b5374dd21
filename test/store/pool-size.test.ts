// The PostgreSQL pool's size a process keeps: MOOT_DB_POOL, else 4 shared among the server's processes, at least 2 each (docs/deploy.md); a bad value is refused clearly.
import { describe, expect, it } from 'vitest';
import { poolSize } from '../../src/store/db.js';

describe('the PostgreSQL pool size', () => {
  it('is 4 unless MOOT_DB_POOL says otherwise, and refuses what is not a whole number from 1 to 200', () => {
    expect(poolSize({})).toBe(4);
    expect(poolSize({ MOOT_DB_POOL: '' })).toBe(4);
    expect(poolSize({ MOOT_DB_POOL: ' 12 ' })).toBe(12);
    expect(poolSize({ MOOT_DB_POOL: '3', MOOT_WORKERS: '2' })).toBe(3);
    for (const bad of ['0', '-1', '2.5', 'ten', '201']) {
      expect(() => poolSize({ MOOT_DB_POOL: bad })).toThrow(`MOOT_DB_POOL must be a whole number from 1 to 200, not "${bad}"`);
    }
  });

  it('shares the 4 among the processes of moot serve --workers N, at least 2 each', () => {
    expect(poolSize({ MOOT_WORKERS: '1' })).toBe(4);
    expect(poolSize({ MOOT_WORKERS: '' })).toBe(4);
    expect(poolSize({ MOOT_WORKERS: '2' })).toBe(2);
    expect(poolSize({ MOOT_WORKERS: '3' })).toBe(2);
    expect(poolSize({ MOOT_WORKERS: '8' })).toBe(2);
  });
});

// The PostgreSQL pool's size a process keeps: MOOT_DB_POOL, else 4 (docs/deploy.md); a bad value is refused clearly.
import { describe, expect, it } from 'vitest';
import { poolSize } from '../../src/store/db.js';

describe('the PostgreSQL pool size', () => {
  it('is 4 unless MOOT_DB_POOL says otherwise, and refuses what is not a whole number from 1 to 200', () => {
    expect(poolSize({})).toBe(4);
    expect(poolSize({ MOOT_DB_POOL: '' })).toBe(4);
    expect(poolSize({ MOOT_DB_POOL: ' 12 ' })).toBe(12);
    for (const bad of ['0', '-1', '2.5', 'ten', '201']) {
      expect(() => poolSize({ MOOT_DB_POOL: bad })).toThrow(`MOOT_DB_POOL must be a whole number from 1 to 200, not "${bad}"`);
    }
  });
});

// Adding a person on both databases: on PostgreSQL one statement with its audit entry and no transaction around
// it, so the statement itself must be what keeps them together and what finds a free address under concurrent
// writers.
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/types.js';
import { addPerson } from '../../src/services/people.js';
import { openStore } from '../../src/store/db.js';
import { changeCounts, recordChangesAfter, recordStripes } from '../../src/store/read/version.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

describe.each(STORE_KINDS)('adding people on %s', (kind) => {
  const get = useTestStore(kind);

  it('gives namesakes added at once (from two connections on PostgreSQL) each their own address and audit entry, each counted as a change', async (ctx) => {
    const t = get(ctx);
    // SQLite: one connection (two in one process would block each other's event loop); PostgreSQL: two pools.
    const other = kind === 'postgres' ? await openStore(t.location) : t.store;
    try {
      const before = recordStripes((await changeCounts(t.store)).record)!;
      const ids = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        addPerson(i % 2 ? other : t.store, SYSTEM_ACTOR, { forenames: 'Alex', surname: 'Namesake', kind: 'officer', jobTitle: `Officer ${i}` })));
      expect(new Set(ids).size).toBe(12);
      const people = await t.store.db.selectFrom('person').select(['id', 'slug']).where('surname', '=', 'Namesake').orderBy('id').execute();
      expect(people.map((p) => p.slug).sort()).toEqual(['alex-namesake', ...Array.from({ length: 11 }, (_, i) => `alex-namesake-${i + 2}`)].sort());
      const audit = await t.store.db.selectFrom('audit_log').selectAll().where('entity', '=', 'person').where('action', '=', 'create')
        .where('entity_id', 'in', ids.map(String)).execute();
      expect(audit).toHaveLength(12);
      for (const p of people) {
        const entry = audit.find((a) => a.entity_id === String(p.id))!;
        expect(JSON.parse(entry.after_json!)).toMatchObject({ slug: p.slug, surname: 'Namesake' });
        expect(entry.summary).toBe('Added A Namesake');
      }
      // Each addition moved the record's counter, and the change log names it (the caches of every process follow it).
      // (In one stripe or several: on PostgreSQL the counter is in stripes, migration 036.)
      const after = recordStripes((await changeCounts(t.store)).record)!;
      expect(after.reduce((a, b) => a + b, 0) - before.reduce((a, b) => a + b, 0)).toBe(12);
      const log = await recordChangesAfter(t.store, before);
      expect([...log.changes!.values()].flat().map((c) => c!.entityId).sort()).toEqual(ids.map(String).sort());
    } finally {
      if (other !== t.store) await other.close();
    }
  });

  it('writes neither the person nor the entry when the audit entry cannot be written', async (ctx) => {
    const t = get(ctx);
    const unnamed = { kind: 'user', id: 1, name: null } as unknown as typeof SYSTEM_ACTOR; // audit_log.actor_name is required
    await expect(addPerson(t.store, unnamed, { surname: 'Unaudited', kind: 'officer' })).rejects.toThrow();
    expect(await t.store.db.selectFrom('person').select('id').where('surname', '=', 'Unaudited').execute()).toEqual([]);
  });
});

// What a change to the record can alter, so a process's caches drop only that (issue 16). Every change to the record
// writes an audit entry and moves the record's counter in its transaction; record_change (migration 032) says which
// entries each move stands for, in commit order. A process follows the moves (one query when the counter has moved,
// shared by its caches) and turns each move's entries into the tags of what they can make stale. On PostgreSQL the
// counter is in stripes (migration 036), so writers do not take turns at one row: a move is (stripe, n), in commit
// order within its stripe, and the moves between two versions are, stripe by stripe, those after the first's value.
//
// A cached value (a rendered public page, a read model's rows) says what it is made from by its tags:
// - none: anything; every change drops it;
// - `record`: the record; every change drops it but a person added. A value tagged only `record` shows people only
//   through their roles (member, attendee, author, contact, account), which a person just added does not have yet;
// - `record-outline`: the record without what happened at any meeting: bodies, their members and seats, meetings as
//   listed (date, time, venue, status), reviews; never a meeting's attendance, declarations or minutes. Every change
//   drops it but a person added and one meeting's proceedings (a clerk's writes on a meeting day; issue 17);
// - `councillors`: the councillors and co-opted members as such (the people directory): one added drops it;
// - `meeting:<id>`: only that meeting's own rows; dropped by a change to that meeting, and by any change the rules
//   below do not understand.
// A move whose entries are not all known (more than listed, none listed: a derived change) drops everything.
import { moveKey, recordChangesAfter, recordStripes, versionAfter, type RecordChangeEntry } from '../store/read/version.js';
import type { Store } from '../store/db.js';

/** The tag of a value made from the record that no person added can appear in (see the file comment). */
export const RECORD_TAG = 'record';

/**
 * The tag of a value made from the record's outline (see the file comment): a committee's page shows its meetings
 * but nothing recorded at them, so attendance or a minute saved leaves it as it is.
 */
export const RECORD_OUTLINE_TAG = 'record-outline';

/** The tag of a value that lists the councillors and co-opted members (see the file comment). */
export const COUNCILLORS_TAG = 'councillors';

/** Audit entities whose entity id is a meeting id and which change nothing but that meeting's own rows. */
export const MEETING_SCOPED_CHANGES = new Set(['attendance', 'minutes']);

export type Change = Pick<RecordChangeEntry, 'entity' | 'entityId'> & Partial<Pick<RecordChangeEntry, 'action' | 'meetingId' | 'personKind'>>;

const isId = (s: string | null | undefined): s is string => typeof s === 'string' && /^\d+$/.test(s);

/**
 * The tags of what a change makes stale (untagged values always are), or null for "everything".
 * - attendance and minutes: the meeting is the entity id; its pages, and what shows the record generally (and its
 *   outline, unless the entry only recorded attendance or minutes);
 * - declarations of interest: a clerk's one declaration names its meeting in the row it recorded; the declarations
 *   of a meeting recorded together ("update") have the meeting as their entity id;
 * - a person added: nobody yet attends, sits on, writes for or declares at any meeting as them, and no account is
 *   theirs, so only what lists people as such can show them: the councillors' lists when a councillor or co-opted
 *   member is added (or the entry does not say which kind), untagged values (search, the workspace) in any case.
 */
function staleTagsOf(c: Change): string[] | null {
  if (MEETING_SCOPED_CHANGES.has(c.entity)) return isId(c.entityId) ? [`meeting:${c.entityId}`, RECORD_TAG, ...outlineOf(c)] : null;
  if (c.entity === 'declaration') {
    if (isId(c.meetingId)) return [`meeting:${c.meetingId}`, RECORD_TAG];
    return c.action === 'update' && isId(c.entityId) ? [`meeting:${c.entityId}`, RECORD_TAG] : null;
  }
  if (c.entity === 'person' && c.action === 'create') return c.personKind === 'officer' || c.personKind === 'other' ? [] : [COUNCILLORS_TAG];
  return null;
}

/**
 * Attendance or minutes recorded ('update') are what happened at the meeting, not its outline; minutes published or
 * approved (or an entry that does not say) may come with the meeting's status and papers, which lists show.
 */
const outlineOf = (c: Change): string[] => (c.action === 'update' ? [] : [RECORD_OUTLINE_TAG]);

/** The tags a batch of changes makes stale (untagged values always are), or null for "everything". */
export function staleTags(changes: Change[]): Set<string> | null {
  if (!changes.length) return null;
  const tags = new Set<string>();
  for (const c of changes) {
    const t = staleTagsOf(c);
    if (!t) return null;
    for (const tag of t) tags.add(tag);
  }
  return tags;
}

/** Whether a value with these tags survives a change that makes `stale` stale (null: everything). */
export function survives(tags: readonly string[] | undefined, stale: Set<string> | null): boolean {
  return !!stale && !!tags?.length && !tags.some((t) => stale.has(t));
}

/** What went stale between two versions of the record, or null for "everything". */
export type Explain = (from: string, to: string) => Promise<Set<string> | null>;

/**
 * A cache's place in the record's versions (changeCounts' strings of a counter): it only moves forward, and on each
 * move `drop` is told what went stale (null: everything). Concurrent callers share one move; a caller that read an
 * older version than the cache's leaves it where it is (and should neither use nor keep its values).
 */
export class CacheVersion {
  #version = '';
  #moving: Promise<void> | null = null;

  constructor(private readonly drop: (stale: Set<string> | null) => void) {}

  get current(): string {
    return this.#version;
  }

  async moveTo(version: string, explain: Explain | null): Promise<void> {
    while (version !== this.#version && (!this.#version || versionAfter(version, this.#version))) {
      if (this.#moving) {
        await this.#moving;
        continue;
      }
      this.#moving = (async () => {
        const from = this.#version;
        this.drop(from && explain ? await explain(from, version).catch(() => null) : null);
        this.#version = version;
      })();
      try {
        await this.#moving;
      } finally {
        this.#moving = null;
      }
    }
  }
}

/** How many moves of the counter a process remembers the stale tags of. */
const HISTORY = 2000;

/** Whether every stripe of `a` is at least that of `b` (both of as many stripes). */
const atLeast = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((n, s) => n >= b[s]);

/**
 * The moves of one store's record counter this process has read, and the tags each made stale. Shared by the
 * store's caches: each asks what went stale between the version it holds and the one a request read.
 */
export class RecordChanges {
  /** Every move up to `known` (each stripe's value) has been read; the older ones beyond HISTORY are forgotten. */
  #known: number[] | null = null;
  #stale = new Map<string, Set<string> | null>();
  #reading: Promise<void> | null = null;

  constructor(private readonly store: Store) {}

  /**
   * What went stale between two versions of the record (as changeCounts gives them), or null for "everything":
   * also when `from` is empty, not before `to` in every stripe, or older than what is remembered, or the changes
   * cannot be read.
   */
  async between(from: string, to: string): Promise<Set<string> | null> {
    const a = recordStripes(from), b = recordStripes(to);
    if (!a || !b || from === to || !atLeast(b, a)) return null;
    try {
      while (this.#known === null || !atLeast(this.#known, b)) {
        if (!this.#reading) this.#reading = this.#read().finally(() => { this.#reading = null; });
        const before = this.#known?.join('.');
        await this.#reading;
        if (this.#known?.join('.') === before) return null; // nothing new could be read: do not wait for it
      }
    } catch {
      return null;
    }
    const stale = new Set<string>();
    for (let s = 0; s < b.length; s++) {
      for (let n = a[s] + 1; n <= b[s]; n++) {
        const t = this.#stale.get(moveKey(s, n));
        if (!t) return null;
        for (const tag of t) stale.add(tag);
      }
    }
    return stale;
  }

  async #read(): Promise<void> {
    // The first read only learns the version: the moves before it are not known.
    const after = this.#known;
    const { version, changes } = await recordChangesAfter(this.store, after);
    if (!after || !changes || !atLeast(version, after)) {
      // The first read, a counter that went back (another database restored under the same address), a change of
      // stripes or too many changes at once: moves up to now are not explained.
      this.#stale.clear();
    } else {
      for (const [key, entries] of changes) this.#stale.set(key, entries ? staleTags(entries) : null);
    }
    this.#known = version;
    for (const key of this.#stale.keys()) {
      if (this.#stale.size <= HISTORY) break;
      this.#stale.delete(key);
    }
  }
}

const trackers = new WeakMap<Store, RecordChanges>();

/** The store's RecordChanges in this process. */
export function recordChanges(store: Store): RecordChanges {
  let t = trackers.get(store);
  if (!t) trackers.set(store, (t = new RecordChanges(store)));
  return t;
}

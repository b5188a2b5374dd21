// Keeps search_entry in step with the record: one meeting (its agenda, papers page by page, minutes and decisions),
// one decision, one person, or everything at once. Entries are replaced wholesale, never patched.
import { randomInt } from 'node:crypto';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Queryable, Store } from '../db.js';
import type { Database } from '../schema.js';
import { countDerivedChange } from '../read/version.js';
import { agendaPublished, documentPublished, PACK_DOCUMENT_KINDS, itemExempt, minuteExempt, minutesPublished, paperExempt } from '../../domain/visibility.js';
import { decisionEntry, itemEntry, meetingEntry, minuteEntry, pageEntries, personEntry, reviewEntry, type EntryValues, type MeetingFacts } from './entries.js';

const INSERT_CHUNK = 100;
const MEETING_BATCH = 50;
const OTHER_BATCH = 500;
// Merges FTS5's segments after a bulk load, so a query reads one b-tree per term.
const SQLITE_OPTIMIZE = CompiledQuery.raw(`INSERT INTO search_fts(search_fts) VALUES ('optimize')`);
// PostgreSQL, after a bulk load: the GIN index's pending list (new entries not yet merged into the tree, which every
// search reads from end to end) is merged, and the table's statistics are renewed. Without them the planner read every
// row's tsvector (a sequential scan, ~70 ms a query on the 10-year archive) instead of the index (a few ms); autovacuum
// would do both eventually, but not before the first searches, and not at all where it is turned off. The two run on
// two connections at once; ANALYZE samples 3,000 rows and skips the long text (statistics targets, migration 035).
const POSTGRES_SETTLE = [CompiledQuery.raw(`SELECT gin_clean_pending_list('search_entry_tsv')`), CompiledQuery.raw('ANALYZE search_entry')];
// PostgreSQL, in a rebuild's transaction: the GIN index's pending list is merged into the index whenever it outgrows
// this (kB; the server's default is 4 MB), by the inserting connection, while Node builds the next batches; what is
// left pending at the end is merged after the commit (POSTGRES_SETTLE), and the rebuild waits for that. With 1 MB the
// final merge took 39-64 ms instead of 130-196 ms (load 10), for ~0.04 s more CPU in the merges along the way.
const REBUILD_PENDING_LIST = CompiledQuery.raw('SET LOCAL gin_pending_list_limit = 1024');
// A rebuild remembers the tsv of up to this much text (titles and bodies), to compute each distinct pair once.
const TSV_CACHE_CHARS = 64 * 1024 * 1024;

/**
 * PostgreSQL, during a rebuild: each entry's tsv (search_tsv, migration 034), computed once per distinct title and body
 * (an archive repeats many: standard agenda items, the pages of a paper that several meetings share) on two connections
 * of the pool at once, outside the rebuild's transaction (the function reads no table), while that transaction inserts
 * the previous batch. The tsvectors stay on the server: they are written to search_tsv_stage (unlogged, migration 039)
 * under this rebuild's number and a key per distinct pair, and the transaction's inserts take them from there, instead
 * of the tsvector's text coming to Node and going back to be parsed again (tsvectorin was a fifth of the inserting
 * connection's CPU). The same function as the trigger's, so the same tsvector.
 */
class RebuildTsv {
  readonly #keys = new Map<string, number>();
  #next = 1;
  #chars = 0;

  constructor(readonly db: Kysely<Database>, readonly rebuild: number) {}

  /**
   * Starts computing the tsv of the rows whose title and body have no key yet, and gives each row's key at once: the
   * insert of these rows waits for `done` (and for earlier batches' computations, which it may share keys with).
   */
  prepare(rows: EntryValues[]): { keys: number[]; done: Promise<void> } {
    if (this.#chars > TSV_CACHE_CHARS) {
      this.#keys.clear();
      this.#chars = 0;
    }
    const wanted: { key: number; title: string; body: string }[] = [];
    const keys = rows.map((r) => {
      const k = tsvKey(r);
      let key = this.#keys.get(k);
      if (key === undefined) {
        key = this.#next++;
        this.#keys.set(k, key);
        this.#chars += r.title.length + r.body.length;
        wanted.push({ key, title: r.title, body: r.body });
      }
      return key;
    });
    if (!wanted.length) return { keys, done: Promise.resolve() };
    const half = wanted.reduce((n, r) => n + r.body.length, 0) / 2;
    let cut = 0;
    for (let chars = 0; cut < wanted.length - 1 && chars < half; cut++) chars += wanted[cut].body.length;
    const parts = [wanted.slice(0, cut), wanted.slice(cut)].filter((p) => p.length);
    const done = Promise.all(parts.map((p) => sql`
      insert into search_tsv_stage (rebuild, key, tsv)
      select ${this.rebuild}, u.key, search_tsv(u.title, u.body)
        from unnest(${p.map((r) => r.key)}::int[], ${p.map((r) => r.title)}::text[], ${p.map((r) => r.body)}::text[]) as u(key, title, body)`.execute(this.db))).then(() => undefined);
    return { keys, done };
  }

  /** Inserts prepared rows, each with its tsv from the stage (under the keys prepare gave), in the order given (the ids follow it). */
  async insert(db: Queryable, rows: EntryValues[], keys: number[]): Promise<void> {
    if (!rows.length) return;
    const column = <T>(f: (r: EntryValues) => T) => rows.map(f);
    const done = await sql`insert into search_entry (kind, ref_id, page, meeting_id, body_id, date, exempt, title, url, body, tsv)
      select u.kind, u.ref_id, u.page, u.meeting_id, u.body_id, u.date, u.exempt, u.title, u.url, u.body, s.tsv
        from unnest(${keys}::int[], ${column((r) => r.kind)}::text[], ${column((r) => r.ref_id)}::int[],
          ${column((r) => r.page ?? null)}::int[], ${column((r) => r.meeting_id ?? null)}::int[], ${column((r) => r.body_id ?? null)}::int[],
          ${column((r) => r.date ?? null)}::text[], ${column((r) => r.exempt ?? 0)}::int[], ${column((r) => r.title)}::text[],
          ${column((r) => r.url)}::text[], ${column((r) => r.body)}::text[])
          with ordinality as u(key, kind, ref_id, page, meeting_id, body_id, date, exempt, title, url, body, n)
        join search_tsv_stage s on s.rebuild = ${this.rebuild} and s.key = u.key
       order by u.n`.execute(db);
    // An entry whose tsv is missing from the stage would be left out by the join: never silently.
    if (Number(done.numAffectedRows) !== rows.length) throw new Error(`search rebuild: ${done.numAffectedRows} of ${rows.length} entries inserted`);
  }

  /** Empties this rebuild's stage (and any a process killed mid-rebuild left behind a day ago). */
  async clear(): Promise<void> {
    await sql`delete from search_tsv_stage where rebuild = ${this.rebuild} or created_at < now() - interval '1 day'`.execute(this.db);
  }

  /**
   * Every rebuild deletes as many stage rows as it wrote; where autovacuum is off (or has not come round yet) the dead
   * rows stayed, and each rebuild's stage writes, joins and delete went through all the earlier ones' (a server with
   * autovacuum off had 450,000 dead rows, 259 MB, after about sixty rebuilds of the 10-year demo archive). Run after
   * the delete and the rebuild's commit, so no snapshot of this rebuild still sees the rows. VACUUM blocks none of
   * another rebuild's writes and runs outside any transaction, on a connection of the pool.
   */
  async vacuum(): Promise<void> {
    await sql`vacuum search_tsv_stage`.execute(this.db);
  }
}

const tsvKey = (r: EntryValues) => `${r.title}\u0000${r.body}`;

async function insertEntries(db: Queryable, entries: EntryValues[], chunk = INSERT_CHUNK): Promise<void> {
  for (let i = 0; i < entries.length; i += chunk) {
    await db.insertInto('search_entry').values(entries.slice(i, i + chunk)).execute();
  }
}

/** The entries for a batch of meetings, built with a handful of queries whatever the batch size. */
async function meetingBatchEntries(db: Queryable, meetingIds: number[]): Promise<EntryValues[]> {
  if (!meetingIds.length) return [];
  const meetings: (MeetingFacts & { agenda_published_at: string | null; historic: number })[] = await db.selectFrom('meeting').innerJoin('body', 'body.id', 'meeting.body_id')
    .select(['meeting.id', 'meeting.slug', 'meeting.body_id', 'body.name as body_name', 'meeting.date', 'meeting.time', 'meeting.venue',
      'meeting.status', 'meeting.status_reason', 'meeting.agenda_published_at', 'meeting.historic'])
    .where('meeting.id', 'in', meetingIds).orderBy('meeting.id').execute();
  if (!meetings.length) return [];
  const ids = meetings.map((m) => m.id);
  const [sections, items, papers, minutes, decisions] = await Promise.all([
    db.selectFrom('agenda_section').select(['id', 'exempt']).where('meeting_id', 'in', ids).execute(),
    db.selectFrom('agenda_item').select(['id', 'meeting_id', 'section_id', 'code', 'title', 'purpose', 'presenters_json', 'exempt'])
      .where('meeting_id', 'in', ids).orderBy('meeting_id').orderBy('position').execute(),
    db.selectFrom('document')
      .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
      .leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id')
      .select(['document.id', 'document.slug', 'document.title', 'document.kind', 'document_version.classification', 'document.workflow_status',
        'document.meeting_id', 'document.agenda_item_id', 'agenda_item.meeting_id as item_meeting_id', 'document_version.pages_json', 'document.withdrawn_at'])
      .where((eb) => eb.or([eb('document.meeting_id', 'in', ids), eb('agenda_item.meeting_id', 'in', ids)]))
      .orderBy('document.id').execute(),
    db.selectFrom('minute').select(['id', 'meeting_id', 'agenda_item_id', 'number', 'title', 'paragraphs_json', 'resolutions_json', 'post_meeting_note', 'exempt'])
      .where('meeting_id', 'in', ids).orderBy('meeting_id').orderBy('position').execute(),
    db.selectFrom('decision').select(['id', 'number', 'slug', 'taker_name', 'taker_body_id', 'meeting_id', 'taken_on', 'subject', 'classification',
      'decision_text', 'reasons', 'alternatives', 'status'])
      .where('meeting_id', 'in', ids).where('status', '!=', 'draft').orderBy('id').execute(),
  ]);
  const exemptSections = new Set(sections.filter((s) => s.exempt).map((s) => s.id));
  const exemptItems = new Set(items.filter((it) => itemExempt(it, { exempt: it.section_id !== null && exemptSections.has(it.section_id) })).map((it) => it.id));
  const byId = new Map(meetings.map((m) => [m.id, m]));
  // Only the public record is indexed: nothing of an agenda that was never published (domain/visibility.ts), and
  // minutes only once published. The meeting itself (date, venue, status) is in the public calendar anyway.
  const agendaOut = new Set(meetings.filter((m) => agendaPublished({ status: m.status, agendaPublishedAt: m.agenda_published_at, historic: m.historic })).map((m) => m.id));
  const minutesOut = new Set(meetings.filter((m) => minutesPublished(m)).map((m) => m.id));
  const out: EntryValues[] = meetings.map(meetingEntry);
  for (const it of items) if (agendaOut.has(it.meeting_id)) out.push(itemEntry(byId.get(it.meeting_id)!, it, exemptItems.has(it.id)));

  // A withdrawn paper is no longer part of the agenda: its text is not found as current (its page keeps the history).
  const published = papers.filter((d) => documentPublished({ workflowStatus: d.workflow_status }) && !d.withdrawn_at && d.pages_json
    && agendaOut.has((d.meeting_id ?? d.item_meeting_id)!));
  // A pack repeats its papers' pages: index it only for meetings that have no papers of their own (imported ones).
  const withPapers = new Set(published.filter((d) => !PACK_DOCUMENT_KINDS.includes(d.kind)).map((d) => d.meeting_id ?? d.item_meeting_id));
  for (const d of published) {
    const meetingId = d.meeting_id ?? d.item_meeting_id;
    const meeting = meetingId === null ? undefined : byId.get(meetingId);
    if (!meeting) continue;
    if (PACK_DOCUMENT_KINDS.includes(d.kind) && withPapers.has(meetingId)) continue;
    const exempt = paperExempt({ classification: d.classification, kind: d.kind, itemExempt: d.agenda_item_id !== null && exemptItems.has(d.agenda_item_id) });
    out.push(...pageEntries(meeting, d, exempt));
  }
  for (const mi of minutes) {
    if (!minutesOut.has(mi.meeting_id)) continue;
    const exempt = minuteExempt(mi, mi.agenda_item_id !== null && exemptItems.has(mi.agenda_item_id));
    out.push(minuteEntry(byId.get(mi.meeting_id)!, mi, exempt));
  }
  for (const d of decisions) out.push(decisionEntry(d, byId.get(d.meeting_id!)?.body_id ?? null));
  return out;
}

async function meetingScope(db: Queryable, meetingId: number) {
  const [docs, decisions] = await Promise.all([
    db.selectFrom('document').leftJoin('agenda_item', 'agenda_item.id', 'document.agenda_item_id').select('document.id')
      .where((eb) => eb.or([eb('document.meeting_id', '=', meetingId), eb('agenda_item.meeting_id', '=', meetingId)])).execute(),
    db.selectFrom('decision').select('id').where('meeting_id', '=', meetingId).execute(),
  ]);
  return { docIds: docs.map((d) => d.id), decisionIds: decisions.map((d) => d.id) };
}

/** (Re)builds the entries of one meeting; a meeting that no longer exists loses its entries. Returns the entry count. */
export async function indexMeeting(db: Queryable, meetingId: number): Promise<number> {
  const { docIds, decisionIds } = await meetingScope(db, meetingId);
  await db.deleteFrom('search_entry').where((eb) => eb.or([
    eb('meeting_id', '=', meetingId),
    ...(docIds.length ? [eb.and([eb('kind', '=', 'page'), eb('ref_id', 'in', docIds)])] : []),
    ...(decisionIds.length ? [eb.and([eb('kind', '=', 'decision'), eb('ref_id', 'in', decisionIds)])] : []),
  ])).execute();
  const entries = await meetingBatchEntries(db, [meetingId]);
  await insertEntries(db, entries);
  return entries.length;
}

async function decisionEntries(db: Queryable, ids: number[]): Promise<EntryValues[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('decision').leftJoin('meeting', 'meeting.id', 'decision.meeting_id')
    .select(['decision.id', 'decision.number', 'decision.slug', 'decision.taker_name', 'decision.taker_body_id', 'decision.meeting_id',
      'decision.taken_on', 'decision.subject', 'decision.classification', 'decision.decision_text', 'decision.reasons', 'decision.alternatives',
      'meeting.body_id as meeting_body_id'])
    .where('decision.id', 'in', ids).where('decision.status', '!=', 'draft').orderBy('decision.id').execute();
  return rows.map((d) => decisionEntry(d, d.meeting_body_id));
}

/** (Re)builds the entry of one Record of Decision (none while it is a draft). */
export async function indexDecision(db: Queryable, decisionId: number): Promise<number> {
  await db.deleteFrom('search_entry').where('kind', '=', 'decision').where('ref_id', '=', decisionId).execute();
  const entries = await decisionEntries(db, [decisionId]);
  await insertEntries(db, entries);
  return entries.length;
}

async function personEntries(db: Queryable, ids: number[]): Promise<EntryValues[]> {
  if (!ids.length) return [];
  const [people, memberships] = await Promise.all([
    db.selectFrom('person').leftJoin('political_group', 'political_group.id', 'person.group_id')
      .select(['person.id', 'person.slug', 'person.title', 'person.forenames', 'person.initials', 'person.surname', 'person.post_nominals',
        'person.kind', 'person.job_title', 'person.division', 'political_group.name as group_name'])
      .where('person.id', 'in', ids).orderBy('person.id').execute(),
    db.selectFrom('membership').innerJoin('body', 'body.id', 'membership.body_id').select(['membership.person_id', 'body.name'])
      .where('membership.person_id', 'in', ids).orderBy('body.name').execute(),
  ]);
  const bodies = new Map<number, Set<string>>();
  for (const m of memberships) {
    if (!bodies.has(m.person_id)) bodies.set(m.person_id, new Set());
    bodies.get(m.person_id)!.add(m.name);
  }
  return people.map((p) => personEntry(p, p.group_name, [...(bodies.get(p.id) ?? [])]));
}

/** (Re)builds the entry of one person. */
export async function indexPerson(db: Queryable, personId: number): Promise<number> {
  await db.deleteFrom('search_entry').where('kind', '=', 'person').where('ref_id', '=', personId).execute();
  const entries = await personEntries(db, [personId]);
  await insertEntries(db, entries);
  return entries.length;
}

/** Select committee reviews, and the pages of each one's final report (its current version, as any paper). */
async function reviewEntries(db: Queryable, ids: number[]): Promise<EntryValues[]> {
  if (!ids.length) return [];
  const reviews = await db.selectFrom('scrutiny_review').leftJoin('body', 'body.id', 'scrutiny_review.body_id')
    .select(['scrutiny_review.id', 'scrutiny_review.slug', 'scrutiny_review.title', 'scrutiny_review.body_id', 'scrutiny_review.started_on', 'scrutiny_review.terms_of_reference',
      'scrutiny_review.report_summary', 'scrutiny_review.response', 'scrutiny_review.report_document_id', 'body.name as body_name'])
    .where('scrutiny_review.id', 'in', ids).orderBy('scrutiny_review.id').execute();
  const reportIds = reviews.map((r) => r.report_document_id).filter((x): x is number => x !== null);
  const [members, sessions, reports] = await Promise.all([
    db.selectFrom('scrutiny_review_member').select(['review_id', 'name', 'role']).where('review_id', 'in', ids).orderBy('id').execute(),
    db.selectFrom('scrutiny_review_session').select(['review_id', 'title', 'witnesses', 'notes']).where('review_id', 'in', ids).orderBy('on_date').orderBy('id').execute(),
    reportIds.length ? db.selectFrom('document')
      .innerJoin('document_version', (j) => j.onRef('document_version.document_id', '=', 'document.id').onRef('document_version.version', '=', 'document.current_version'))
      .select(['document.id', 'document.slug', 'document.title', 'document.kind', 'document.workflow_status', 'document_version.classification', 'document_version.pages_json', 'document_version.created_at'])
      .where('document.id', 'in', reportIds).execute() : Promise.resolve([]),
  ]);
  const out: EntryValues[] = [];
  for (const r of reviews) {
    out.push(reviewEntry(r, members.filter((m) => m.review_id === r.id).map((m) => `${m.name} (${m.role})`),
      sessions.filter((x) => x.review_id === r.id).map((x) => [x.title, x.witnesses, x.notes].filter(Boolean).join('\n'))));
    const d = reports.find((x) => x.id === r.report_document_id);
    if (!d || !d.pages_json || !documentPublished({ workflowStatus: d.workflow_status })) continue;
    out.push(...pageEntries({ id: null, body_id: r.body_id, date: d.created_at.slice(0, 10) }, d, paperExempt({ classification: d.classification, kind: d.kind, itemExempt: false })));
  }
  return out;
}

/** (Re)builds the entries of one select committee review and its final report. */
export async function indexReview(db: Queryable, reviewId: number): Promise<number> {
  const r = await db.selectFrom('scrutiny_review').select('report_document_id').where('id', '=', reviewId).executeTakeFirst();
  await db.deleteFrom('search_entry').where((eb) => eb.or([
    eb.and([eb('kind', '=', 'review'), eb('ref_id', '=', reviewId)]),
    ...(r?.report_document_id ? [eb.and([eb('kind', '=', 'page'), eb('ref_id', '=', r.report_document_id)])] : []),
  ])).execute();
  const entries = await reviewEntries(db, [reviewId]);
  await insertEntries(db, entries);
  return entries.length;
}

export interface RebuildProgress {
  setTotal(total: number): void;
  tick(n?: number, label?: string): void;
}

export interface RebuildReport {
  entries: number;
  byKind: Record<string, number>;
  meetings: number;
  milliseconds: number;
}

/**
 * Rebuilds the whole index in one transaction, so searches see the old index until the new one is complete.
 * Progress counts meetings, decisions not taken at a meeting, people and select committee reviews.
 */
export async function rebuildSearchIndex(store: Store, options: { progress?: RebuildProgress } = {}): Promise<RebuildReport> {
  const started = Date.now();
  const byKind: Record<string, number> = {};
  let entries = 0;
  let meetingCount = 0;
  const progress = options.progress;
  const tsv = store.dialect === 'postgres' ? new RebuildTsv(store.db, randomInt(2 ** 47)) : null;
  await store.db.transaction().execute(async (tx) => {
    const db = tx as unknown as Kysely<Database>;
    const [meetings, decisions, people, reviews] = await Promise.all([
      db.selectFrom('meeting').select('id').orderBy('id').execute(),
      db.selectFrom('decision').select('id').where('meeting_id', 'is', null).orderBy('id').execute(),
      db.selectFrom('person').select('id').orderBy('id').execute(),
      db.selectFrom('scrutiny_review').select('id').orderBy('id').execute(),
    ]);
    if (tsv) await db.executeQuery(REBUILD_PENDING_LIST);
    meetingCount = meetings.length;
    progress?.setTotal(meetings.length + decisions.length + people.length + reviews.length);
    await db.deleteFrom('search_entry').execute();
    // Pipelined on PostgreSQL: the next batch is read (on other connections of the pool: the transaction's own one
    // only deletes and inserts, and its statements would see the same committed record, read committed) and turned
    // into entries by Node while this batch's tsv is computed (RebuildTsv) and the previous batch is inserted; each
    // insert waits for its batch's tsv and for the insert before it, so the order is the same as one batch after another.
    // On SQLite every call finishes before it returns, and the order is the same as one batch after another.
    const reader = tsv ? store.db : db;
    let inserting: Promise<void> = Promise.resolve();
    const run = async (ids: number[], batch: number, build: (db: Queryable, ids: number[]) => Promise<EntryValues[]>, label: string) => {
      const slices: number[][] = [];
      for (let i = 0; i < ids.length; i += batch) slices.push(ids.slice(i, i + batch));
      let next = slices.length ? build(reader, slices[0]) : null;
      let computing: Promise<void> = Promise.resolve();
      try {
        for (let i = 0; next; i++) {
          const rows = await next;
          next = i + 1 < slices.length ? build(reader, slices[i + 1]) : null;
          next?.catch(() => undefined); // awaited on the next turn; an insert failing first must not leave it unhandled
          const prepared = tsv?.prepare(rows);
          computing = prepared?.done ?? computing;
          computing.catch(() => undefined); // awaited by this batch's insert
          await inserting;
          inserting = prepared ? prepared.done.then(() => tsv!.insert(db, rows, prepared.keys)) : insertEntries(db, rows, INSERT_CHUNK);
          inserting.catch(() => undefined); // awaited before the next insert or at the end
          for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
          entries += rows.length;
          progress?.tick(slices[i].length, label);
        }
        await inserting;
      } catch (e) {
        // Nothing of this transaction may still be running when it rolls back.
        await Promise.allSettled([inserting, next, computing]);
        throw e;
      }
    };
    await run(meetings.map((m) => m.id), MEETING_BATCH, meetingBatchEntries, 'meetings');
    await run(decisions.map((d) => d.id), OTHER_BATCH, decisionEntries, 'decisions');
    await run(people.map((p) => p.id), OTHER_BATCH, personEntries, 'people');
    await run(reviews.map((r) => r.id), OTHER_BATCH, reviewEntries, 'reviews');
    // Every insert is done: the stage is emptied beside the commit (a failure from here on rolls back all the same).
    const cleared = tsv?.clear();
    cleared?.catch(() => undefined);
    // Derived from the record, so no audit entry: count it, or cached search pages would outlive the old index.
    await countDerivedChange(db);
    await cleared;
  }).catch(async (e: unknown) => {
    await tsv?.clear().catch(() => undefined);
    throw e;
  });
  if (!tsv) await store.db.executeQuery(SQLITE_OPTIMIZE);
  else await Promise.all([...POSTGRES_SETTLE.map((q) => store.db.executeQuery(q)), tsv.vacuum()]);
  return { entries, byKind, meetings: meetingCount, milliseconds: Date.now() - started };
}

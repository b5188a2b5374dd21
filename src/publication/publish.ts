// Publishing a meeting's agenda: validate, build the public and the confidential (members') packs, store both
// with their SHA-256, write back the real page ranges, record who published and when, and move the meeting to
// "agenda published" — all in one transaction. Publishing again makes a new version; earlier ones stay.
import type { Actor } from '../domain/types.js';
import { MootError } from '../errors.js';
import { buildPack, buildSupplementaryPack, validatePack, type BuiltPack, type PackProblem } from '../pack/index.js';
import { recordAudit } from '../store/audit.js';
import { transaction, type Queryable, type Store } from '../store/db.js';
import { clearToFollow, getPublishedPack, listPublications, markAgendaPublished, nextPublicationVersion, setItemPages, storePublication, type Audience, type PackKind } from '../store/publications.js';
import { indexMeeting } from '../store/search/index.js';
import { councilCalendar } from '../services/council.js';
import { packInputForMeeting } from './pack-input.js';

export class PublicationError extends MootError {
  readonly problems: PackProblem[];
  constructor(message: string, problems: PackProblem[]) {
    super(message);
    this.name = 'PublicationError';
    this.problems = problems;
  }
}

export type { PackKind, Audience };
export { listPublications, getPublishedPack };

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

async function workingDayCheck(db: Queryable) {
  const calendar = await councilCalendar(db);
  return (a: string, b: string) => calendar.clearWorkingDaysBetween(a, b);
}

export interface PublishOptions {
  /** The recorded reason for publishing fewer than five clear working days before the meeting. */
  lateReason?: string | null;
  /** The publication date; today by default. */
  publishedOn?: string;
}

export interface PublishResult {
  meetingId: number;
  slug: string;
  version: number;
  public: { sha256: string; pageCount: number; size: number };
  confidential: { sha256: string; pageCount: number; size: number };
  warnings: PackProblem[];
}

/** The validation problems a clerk sees before publishing (errors stop publication; warnings are shown). */
export async function checkAgenda(store: Store, idOrSlug: string | number, options: PublishOptions = {}): Promise<PackProblem[]> {
  const publishedOn = options.publishedOn ?? todayIso();
  const { input } = await packInputForMeeting(store.db, idOrSlug, publishedOn);
  return validatePack(input, { publishedOn, meetingDate: input.meetingDate, lateReason: options.lateReason ?? undefined, workingDayCheck: await workingDayCheck(store.db) });
}

/** Builds a meeting's pack without publishing it. */
export async function buildMeetingPack(store: Store, idOrSlug: string | number, audience: Audience, options: PublishOptions = {}): Promise<BuiltPack> {
  const { input } = await packInputForMeeting(store.db, idOrSlug, options.publishedOn ?? todayIso());
  return buildPack(input, { audience });
}

/** The pack as stored: each item's place, with its PDF page beside its printed page. */
function stored(pack: BuiltPack) {
  return { bytes: pack.bytes, pageCount: pack.pageCount, items: pack.items.map((i) => ({ ...i, pdfPage: i.startPage + pack.frontSheetPages })) };
}

export async function publishAgenda(store: Store, actor: Actor, idOrSlug: string | number, options: PublishOptions = {}): Promise<PublishResult> {
  const publishedOn = options.publishedOn ?? todayIso();
  const { input, meeting, itemIds } = await packInputForMeeting(store.db, idOrSlug, publishedOn);
  if (meeting.status === 'cancelled') throw new MootError(`the meeting ${meeting.slug} is cancelled; its agenda cannot be published`);
  const problems = validatePack(input, { publishedOn, meetingDate: input.meetingDate, lateReason: options.lateReason ?? undefined, workingDayCheck: await workingDayCheck(store.db) });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new PublicationError(`the agenda of ${meeting.slug} cannot be published: ${errors.map((e) => `${e.where}: ${e.message}`).join('; ')}`, problems);
  }
  const [publicPack, confidentialPack] = await Promise.all([buildPack(input, { audience: 'public' }), buildPack(input, { audience: 'confidential' })]);
  return transaction(store.db, async (tx) => {
    const version = await nextPublicationVersion(tx, meeting.id, 'agenda');
    const lateReason = options.lateReason ?? null;
    const pub = await storePublication(tx, actor, meeting.id, 'agenda', version, 'public', stored(publicPack), lateReason);
    const conf = await storePublication(tx, actor, meeting.id, 'agenda', version, 'confidential', stored(confidentialPack), lateReason);
    // The agenda's page ranges are the public pack's real pages.
    for (const [code, id] of itemIds) {
      const pages = publicPack.items.find((i) => i.code === code);
      await setItemPages(tx, id, pages);
    }
    const status = meeting.status === 'scheduled' ? 'agenda-published' : meeting.status;
    await markAgendaPublished(tx, actor, meeting.id, status, publishedOn);
    await recordAudit(tx, actor, {
      action: 'publish', entity: 'meeting', entityId: meeting.id,
      summary: `Published agenda pack version ${version} of ${meeting.body_name} on ${meeting.date}${lateReason ? ` (late: ${lateReason})` : ''}`,
      before: { status: meeting.status }, after: { status, version, public: pub.sha256, confidential: conf.sha256 },
    });
    await indexMeeting(tx, meeting.id);
    return { meetingId: meeting.id, slug: meeting.slug, version, public: pub, confidential: conf, warnings: problems };
  });
}

/** Publishes the papers that were "to follow" in a supplementary pack with its own front sheet. */
export async function publishSupplementary(store: Store, actor: Actor, idOrSlug: string | number, itemCodes: string[], options: PublishOptions = {}): Promise<PublishResult> {
  const publishedOn = options.publishedOn ?? todayIso();
  const { input, meeting } = await packInputForMeeting(store.db, idOrSlug, publishedOn);
  if (!itemCodes.length) throw new MootError('name the items whose papers the supplementary pack carries');
  const known = new Set(input.sections.flatMap((s) => s.items.map((i) => i.code)));
  const unknown = itemCodes.filter((c) => !known.has(c));
  if (unknown.length) throw new MootError(`the agenda of ${meeting.slug} has no item ${unknown.join(', ')}`);
  // The papers are now here: the items are no longer "to follow".
  for (const s of input.sections) for (const i of s.items) if (itemCodes.includes(i.code)) i.toFollow = false;
  const problems = validatePack(input, { publishedOn, meetingDate: input.meetingDate, lateReason: options.lateReason ?? 'supplementary papers', workingDayCheck: await workingDayCheck(store.db) })
    .filter((p) => itemCodes.some((c) => p.where.includes(c)));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new PublicationError(`the supplementary pack cannot be published: ${errors.map((e) => `${e.where}: ${e.message}`).join('; ')}`, problems);
  const [pub, conf] = await Promise.all([
    buildSupplementaryPack(input, itemCodes, { audience: 'public' }),
    buildSupplementaryPack(input, itemCodes, { audience: 'confidential' }),
  ]);
  return transaction(store.db, async (tx) => {
    const version = await nextPublicationVersion(tx, meeting.id, 'supplementary');
    const p = await storePublication(tx, actor, meeting.id, 'supplementary', version, 'public', stored(pub), options.lateReason ?? null);
    const c = await storePublication(tx, actor, meeting.id, 'supplementary', version, 'confidential', stored(conf), options.lateReason ?? null);
    await clearToFollow(tx, meeting.id, itemCodes);
    await recordAudit(tx, actor, { action: 'publish', entity: 'meeting', entityId: meeting.id, summary: `Published supplementary pack ${version} (items ${itemCodes.join(', ')})`, after: { version, items: itemCodes, public: p.sha256 } });
    return { meetingId: meeting.id, slug: meeting.slug, version, public: p, confidential: c, warnings: problems };
  });
}

// Publishing a meeting's agenda: validate, build the public and the confidential (members') packs, store both
// with their SHA-256, write back the real page ranges, record who published and when, and move the meeting to
// "agenda published" — all in one transaction. Publishing again makes a new version; earlier ones stay.
import type { Actor } from '../../domain/types.js';
import { MootError } from '../../errors.js';
import type { BuiltPack, PackProblem } from '../../pack/index.js';
import { recordAudit } from '../../store/audit.js';
import { transaction, type Queryable, type Store } from '../../store/db.js';
import { clearToFollow, getPublishedPack, listPublications, markAgendaPublished, meetingDate, nextPublicationVersion, setItemPages, storePublication, type Audience, type PackKind } from '../../store/publications.js';
import { getCouncil } from '../../store/council.js';
import { nowIso } from '../../store/audit.js';
import { longDate } from '../../pack/text.js';
import { indexMeeting } from '../../store/search/index.js';
import { parseJson } from '../../store/json.js';
import { councilDay } from '../../domain/display.js';
import { councilCalendar } from '../council.js';
import { loadPack } from '../pack-loader.js';
import { findMeeting, minutesPaperOf, packInputForMeeting } from './pack-input.js';

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
  /** When it was published (an ISO timestamp); now by default. The demo publishes its past agendas on their day. */
  publishedAt?: string;
  /** Update the search index (default true); a bulk load indexes once at the end instead. */
  index?: boolean;
  /** Build the members' (confidential) pack only when there is something exempt in it (a bulk load saves the work). */
  confidentialOnlyIfExempt?: boolean;
  /** Why the pack is reissued (a paper withdrawn), kept with the new version and shown beside it. */
  note?: string;
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
  const { validatePack } = await loadPack();
  return validatePack(input, { publishedOn, meetingDate: input.meetingDate, lateReason: options.lateReason ?? undefined, workingDayCheck: await workingDayCheck(store.db) });
}

/** Builds a meeting's pack without publishing it. */
export async function buildMeetingPack(store: Store, idOrSlug: string | number, audience: Audience, options: PublishOptions = {}): Promise<BuiltPack> {
  // A pack rebuilt after publication is signed off on the day the agenda was published, not the day it was rebuilt.
  const meeting = await findMeeting(store.db, idOrSlug);
  const { input } = await packInputForMeeting(store.db, meeting.id, options.publishedOn ?? meeting.published_on ?? todayIso());
  const { buildPack } = await loadPack();
  return buildPack(input, { audience });
}

/**
 * The agenda pack as it would be published on `publishedOn`, for Democratic Services to check first: built from the
 * record, marked as a preview on every page, never stored. Problems that stop publication stop the preview too.
 */
export async function previewAgendaPack(store: Store, idOrSlug: string | number, audience: Audience, publishedOn: string): Promise<{ bytes: Uint8Array; slug: string }> {
  const { input, meeting } = await packInputForMeeting(store.db, idOrSlug, publishedOn);
  const { buildPack, markAsPreview, PackError } = await loadPack();
  try {
    const pack = await buildPack(input, { audience });
    return { bytes: await markAsPreview(pack, publishedOn), slug: meeting.slug };
  } catch (e) {
    if (e instanceof PackError) throw new PublicationError(`the preview of ${meeting.slug} could not be built: ${e.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`, e.problems);
    throw e;
  }
}

/** The pack as stored: each item's place, with its PDF page beside its printed page. */
function stored(pack: BuiltPack) {
  return { bytes: pack.bytes, pageCount: pack.pageCount, items: pack.items.map((i) => ({ ...i, pdfPage: i.startPage + pack.frontSheetPages })) };
}

/** Stores a built pack and, as the same version, its front sheet on its own (the "agenda frontsheet"). */
async function storePack(tx: Queryable, actor: Actor, meetingId: number, kind: 'agenda' | 'supplementary', version: number, audience: Audience, pack: BuiltPack, lateReason: string | null, options: PublishOptions) {
  const frontKind = kind === 'agenda' ? 'frontsheet' : 'supplementary-frontsheet';
  await storePublication(tx, actor, meetingId, frontKind, version, audience, { bytes: pack.frontSheet, pageCount: pack.frontSheetPages, items: [] }, lateReason, options.publishedAt, options.note);
  return storePublication(tx, actor, meetingId, kind, version, audience, stored(pack), lateReason, options.publishedAt, options.note);
}

export async function publishAgenda(store: Store, actor: Actor, idOrSlug: string | number, options: PublishOptions = {}): Promise<PublishResult> {
  return transaction(store.db, (tx) => publishAgendaIn(tx, actor, idOrSlug, options));
}

/** Publishes the agenda inside the caller's transaction (the demo loads each meeting in one). */
export async function publishAgendaIn(tx: Queryable, actor: Actor, idOrSlug: string | number, options: PublishOptions = {}): Promise<PublishResult> {
  const publishedOn = options.publishedOn ?? todayIso();
  const { input, meeting, itemIds } = await packInputForMeeting(tx, idOrSlug, publishedOn);
  if (meeting.status === 'cancelled') throw new MootError(`the meeting ${meeting.slug} is cancelled; its agenda cannot be published`);
  const { buildPack, validatePack } = await loadPack();
  const problems = validatePack(input, { publishedOn, meetingDate: input.meetingDate, lateReason: options.lateReason ?? undefined, workingDayCheck: await workingDayCheck(tx) });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    throw new PublicationError(`the agenda of ${meeting.slug} cannot be published: ${errors.map((e) => `${e.where}: ${e.message}`).join('; ')}`, problems);
  }
  const exempt = input.sections.some((s) => s.exempt || s.items.some((i) => i.exemptParagraphs?.length));
  const withConfidential = exempt || !options.confidentialOnlyIfExempt;
  const publicPack = await buildPack(input, { audience: 'public' });
  const confidentialPack = withConfidential ? await buildPack(input, { audience: 'confidential' }) : null;
  const version = await nextPublicationVersion(tx, meeting.id, 'agenda');
  const lateReason = options.lateReason ?? null;
  const pub = await storePack(tx, actor, meeting.id, 'agenda', version, 'public', publicPack, lateReason, options);
  const conf = confidentialPack ? await storePack(tx, actor, meeting.id, 'agenda', version, 'confidential', confidentialPack, lateReason, options) : pub;
  // The agenda's page ranges are the public pack's real pages.
  for (const [code, id] of itemIds) {
    const pages = publicPack.items.find((i) => i.code === code);
    await setItemPages(tx, id, pages);
  }
  const status = meeting.status === 'scheduled' ? 'agenda-published' : meeting.status;
  await markAgendaPublished(tx, actor, meeting.id, status, publishedOn, options.publishedAt);
  await recordAudit(tx, actor, {
    action: 'publish', entity: 'meeting', entityId: meeting.id,
    summary: `Published agenda pack version ${version} of ${meeting.body_name} on ${meeting.date}${lateReason ? ` (late: ${lateReason})` : ''}${options.note ? ` (reissued: ${options.note})` : ''}`,
    before: { status: meeting.status }, after: { status, version, public: pub.sha256, confidential: conf.sha256 },
  });
  if (options.index !== false) await indexMeeting(tx, meeting.id);
  return { meetingId: meeting.id, slug: meeting.slug, version, public: pub, confidential: conf, warnings: problems };
}

/** Publishes the papers that were "to follow" in a supplementary pack with its own front sheet. */
export async function publishSupplementary(store: Store, actor: Actor, idOrSlug: string | number, itemCodes: string[], options: PublishOptions = {}): Promise<PublishResult> {
  return transaction(store.db, (tx) => publishSupplementaryIn(tx, actor, idOrSlug, itemCodes, options));
}

export async function publishSupplementaryIn(tx: Queryable, actor: Actor, idOrSlug: string | number, itemCodes: string[], options: PublishOptions = {}): Promise<PublishResult> {
  const publishedOn = options.publishedOn ?? todayIso();
  const { input, meeting } = await packInputForMeeting(tx, idOrSlug, publishedOn);
  if (!itemCodes.length) throw new MootError('name the items whose papers the supplementary pack carries');
  const known = new Set(input.sections.flatMap((s) => s.items.map((i) => i.code)));
  const unknown = itemCodes.filter((c) => !known.has(c));
  if (unknown.length) throw new MootError(`the agenda of ${meeting.slug} has no item ${unknown.join(', ')}`);
  // The papers are now here: the items are no longer "to follow".
  for (const s of input.sections) for (const i of s.items) if (itemCodes.includes(i.code)) i.toFollow = false;
  const { buildSupplementaryPack, validatePack } = await loadPack();
  const problems = validatePack(input, { publishedOn, meetingDate: input.meetingDate, lateReason: options.lateReason ?? 'supplementary papers', workingDayCheck: await workingDayCheck(tx) })
    .filter((p) => itemCodes.some((c) => p.where.includes(c)));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new PublicationError(`the supplementary pack cannot be published: ${errors.map((e) => `${e.where}: ${e.message}`).join('; ')}`, problems);
  const [pub, conf] = await Promise.all([
    buildSupplementaryPack(input, itemCodes, { audience: 'public' }),
    buildSupplementaryPack(input, itemCodes, { audience: 'confidential' }),
  ]);
  const version = await nextPublicationVersion(tx, meeting.id, 'supplementary');
  const p = await storePack(tx, actor, meeting.id, 'supplementary', version, 'public', pub, options.lateReason ?? null, options);
  const c = await storePack(tx, actor, meeting.id, 'supplementary', version, 'confidential', conf, options.lateReason ?? null, options);
  await clearToFollow(tx, meeting.id, itemCodes);
  await recordAudit(tx, actor, { action: 'publish', entity: 'meeting', entityId: meeting.id, summary: `Published supplementary pack ${version} (items ${itemCodes.join(', ')})${options.note ? ` (reissued: ${options.note})` : ''}`, after: { version, items: itemCodes, public: p.sha256 } });
  return { meetingId: meeting.id, slug: meeting.slug, version, public: p, confidential: c, warnings: problems };
}

/**
 * Publishes the printed minutes of a meeting from the record, public and confidential, as a new version: called when
 * the draft minutes are published and again when they are approved (the printed minutes then say so).
 */
export async function publishMinutesIn(tx: Queryable, actor: Actor, meetingId: number, options: { publishedAt?: string; confidentialOnlyIfExempt?: boolean } = {}) {
  const meeting = await findMeeting(tx, meetingId);
  if (meeting.status !== 'minutes-drafted' && meeting.status !== 'minutes-approved') {
    throw new MootError(`the minutes of ${meeting.slug} are not published yet; publish the draft minutes first`);
  }
  const council = await getCouncil(tx);
  const approvedOn = meeting.minutes_approved_at_meeting_id ? await meetingDate(tx, meeting.minutes_approved_at_meeting_id) : undefined;
  const status = meeting.status === 'minutes-approved'
    ? { kind: 'approved' as const, atMeeting: approvedOn, amendments: meeting.minutes_amendments ?? undefined }
    : { kind: 'draft' as const };
  const date = (options.publishedAt ?? nowIso()).slice(0, 10);
  const ctx = { councilName: council?.name ?? 'Council' };
  const { renderStandalone } = await loadPack();
  const version = await nextPublicationVersion(tx, meeting.id, 'minutes');
  const out: Partial<Record<Audience, { sha256: string; pageCount: number; size: number }>> = {};
  for (const audience of ['public', 'confidential'] as const) {
    const paper = await minutesPaperOf(tx, meeting, audience);
    if (!paper) throw new MootError(`the meeting ${meeting.slug} has no minutes to print`);
    if (audience === 'public' && options.confidentialOnlyIfExempt && !paper.minutes.some((m) => m.restricted)) {
      paper.status = status;
      const title = `${meeting.body_name} \u2013 ${status.kind === 'draft' ? 'Draft minutes' : 'Minutes'} \u2013 ${longDate(meeting.date)}`;
      const doc = await renderStandalone([paper], ctx, { title, subject: `Minutes of the ${meeting.body_name}, ${longDate(meeting.date)}`, date });
      out.public = await storePublication(tx, actor, meeting.id, 'minutes', version, 'public', { ...doc, items: [] }, null, options.publishedAt);
      out.confidential = out.public;
      break;
    }
    paper.status = status;
    const title = `${meeting.body_name} \u2013 ${status.kind === 'draft' ? 'Draft minutes' : 'Minutes'} \u2013 ${longDate(meeting.date)}${audience === 'confidential' ? ' (NOT FOR PUBLICATION)' : ''}`;
    const doc = await renderStandalone([paper], ctx, { title, subject: `Minutes of the ${meeting.body_name}, ${longDate(meeting.date)}`, date });
    out[audience] = await storePublication(tx, actor, meeting.id, 'minutes', version, audience, { ...doc, items: [] }, null, options.publishedAt);
  }
  await recordAudit(tx, actor, {
    action: 'publish', entity: 'minutes', entityId: meeting.id,
    summary: `Printed ${status.kind === 'draft' ? 'draft' : 'approved'} minutes of ${meeting.body_name} on ${meeting.date} (version ${version})`,
    after: { version, public: out.public?.sha256, confidential: out.confidential?.sha256 },
  });
  return { version, public: out.public!, confidential: out.confidential! };
}

export interface ReissuedPacks {
  /** The new version of the agenda reports pack, when one was published before. */
  agenda: number | null;
  /** The new version of the supplementary agenda, when the latest one carried the item. */
  supplementary: number | null;
}

/**
 * Reissues a meeting's published packs after one of an item's papers changed (a paper withdrawn), inside the
 * caller's transaction. Published packs are never overwritten: each is a new version, built from the record as it
 * now is, dated as the pack it replaces (the sign-off and the clear-days check are the first issue's) and carrying
 * `note`, why it was reissued. The agenda reports pack is reissued if one was published; the supplementary agenda
 * if its latest version carried the item. Nothing was published: nothing is reissued.
 */
export async function reissuePacksIn(tx: Queryable, actor: Actor, meetingId: number, itemCode: string | null, note: string, options: { publishedAt?: string } = {}): Promise<ReissuedPacks> {
  const meeting = await findMeeting(tx, meetingId);
  const publications = await listPublications(tx, meetingId);
  const latest = (kind: PackKind) => publications.find((p) => p.kind === kind && p.audience === 'public');
  const out: ReissuedPacks = { agenda: null, supplementary: null };
  const supplementary = latest('supplementary');
  const supplementaryCodes = supplementary ? parseJson<{ code: string }[]>(supplementary.items_json, []).map((i) => i.code) : [];
  if (supplementary && itemCode !== null && supplementaryCodes.includes(itemCode)) {
    out.supplementary = (await publishSupplementaryIn(tx, actor, meetingId, supplementaryCodes, {
      publishedOn: councilDay(supplementary.published_at), lateReason: supplementary.late_reason ?? undefined, note, index: false, publishedAt: options.publishedAt,
    })).version;
  }
  const agenda = latest('agenda');
  if (agenda) {
    out.agenda = (await publishAgendaIn(tx, actor, meetingId, {
      publishedOn: meeting.published_on ?? councilDay(agenda.published_at), lateReason: agenda.late_reason, note, index: false, publishedAt: options.publishedAt,
    })).version;
  }
  return out;
}

/**
 * Reissues a held meeting's agenda reports pack once Records of Decision taken at it are published, so the pack
 * carries them after each item's papers (an exempt item's public record after its restricted placeholder): the
 * clerk's reissue (reissuePacksIn, one transaction), `note` saying why. `publishedAt`: when (now by default).
 */
export function reissueWithDecisions(store: Store, actor: Actor, meetingId: number, note: string, options: { publishedAt?: string } = {}): Promise<ReissuedPacks> {
  return transaction(store.db, (tx) => reissuePacksIn(tx, actor, meetingId, null, note, options));
}

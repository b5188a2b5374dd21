// Issue 10's proof by property: fast-check generates random councils (bodies; meetings in every status, published
// or not; sections and items exempt or not; papers whose versions carry their own classification; items
// reclassified before or after publication; redacted replacement versions; minutes with exempt entries; decisions
// in every status and classification, with call-ins and scrutiny follow-ups on them, and decisions taken in private
// on an exempt item whose record is public with an exempt part left out; forward plan entries, public or
// private, on a published edition or not yet; work programmes; select committee reviews whose final report versions
// are exempt or not) on SQLite and PostgreSQL, then crawls every public
// surface as the public, a councillor not on the body, a councillor on it and a report author: every page it can reach from the home page, lists, sitemap,
// feeds, iCal and the API, plus a direct request for every meeting, item, paper, paper version, pack, decision and
// their API forms, plus web, API and feed search, the open-data page and every download it links (bulk datasets,
// Popolo), the Popolo and dataset API, and a councillor's feeds, voting record and attendance. Then the mail worker
// reads a publication event for every meeting and decision (published or not: the events only say "look", the record
// decides) into alert emails (every kind, the forward plan's too, immediate and daily digest), papers to members and webhooks, and no queued
// message (what the outbox sends verbatim) may carry what the public may not see. Every piece of exempt or
// unpublished text carries a unique marker word; no marker may reach a viewer not entitled to it (PDFs are read
// through pdftotext).
//
// The expectation is written from the issue's words, independently of src/domain/visibility.ts:
//   an agenda is public once published by the clerk, or the meeting went ahead (held, minutes) — a cancelled or
//   postponed meeting's never-published agenda is not; an exempt item's purpose, presenters, guests, urgency and
//   public-interest reasons are exempt (its code and title are public); a paper version is exempt when it was made
//   exempt or its item is exempt now; minutes are public once drafted or approved, an exempt minute's text is
//   exempt; a decision is public in a public status and not exempt. A decision taken in private on an exempt item is
//   public all the same (2012 Regulations, regs 12-13, 20) but its exempt part is not: only councillors (any: they
//   may call it in) and Democratic Services read that.
//
// Runs: MOOT_PROPERTY_RUNS (default 8 per database); MOOT_PROPERTY_SEED to replay a failure.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Classification, type DecisionStatus, type MeetingStatus } from '../../src/domain/types.js';
import { processPublicationEvents, sendDigests } from '../../src/services/alerts.js';
import { EVENT_TYPES, startCursor } from '../../src/services/events.js';
import { publishAgenda } from '../../src/services/publication/publish.js';
import { addForwardPlanEntry, publishForwardPlan } from '../../src/services/executive/forward-plan.js';
import { addFollowUp, addFollowUpResponse, addWorkProgrammeItem, advanceReview, attachReviewReport, startReview } from '../../src/services/executive/scrutiny.js';
import { insertCallIn } from '../../src/store/executive/call-ins.js';
import { createSubscriber, insertSubscription, markConfirmed } from '../../src/store/alerts.js';
import { recordAudit } from '../../src/store/audit.js';
import { createWebhook } from '../../src/store/webhooks.js';
import { createApiToken, createUser } from '../../src/store/accounts.js';
import { addMembership, createBody } from '../../src/store/bodies.js';
import type { Store } from '../../src/store/db.js';
import { createDecision } from '../../src/store/decisions.js';
import { addDocument, addDocumentVersion } from '../../src/store/documents.js';
import { createMeeting, setMeetingStatus } from '../../src/store/meetings.js';
import { createPerson } from '../../src/store/people.js';
import { recordMinutes } from '../../src/store/proceedings.js';
import { rebuildSearchIndex } from '../../src/store/search/index.js';
import { loadAgenda, updateItem } from '../../src/store/workspace/agenda.js';
import { attachPaper } from '../../src/store/workspace/papers.js';
import { registerPortal } from '../../src/server.js';
import { appWith, pdfWithText } from '../api/fixture.js';
import { pdfText } from '../helpers/pdf-text.js';
import { openTestStore, STORE_KINDS } from '../helpers/stores.js';

const RUNS = Number(process.env.MOOT_PROPERTY_RUNS ?? 8);
const SEED = process.env.MOOT_PROPERTY_SEED ? Number(process.env.MOOT_PROPERTY_SEED) : undefined;
/** A word every generated text carries, so one search finds everything indexed. */
const COMMON = 'pelican';

// -------------------------------------------------------------------------------------------------------------
// The generated council, as plain data (fast-check shrinks it)

const STATUSES: readonly MeetingStatus[] = ['scheduled', 'agenda-published', 'held', 'minutes-drafted', 'minutes-approved', 'cancelled', 'postponed'];
const DECISION_STATUSES: readonly DecisionStatus[] = ['draft', 'proposed', 'published', 'called-in', 'implemented', 'withdrawn'];

interface PaperSpec { exempt: boolean; kind: 'report' | 'appendix'; versions: ('exempt' | 'unrestricted' | 'replace')[] }
interface ItemSpec { exempt: boolean; papers: PaperSpec[]; reclassify: 'none' | 'before' | 'after' | 'touch'; minute: 'none' | 'open' | 'exempt' }
interface SectionSpec { exempt: boolean; items: ItemSpec[] }
/** exemptPart: taken in private on an exempt item, a public record with an exempt part left out. */
interface DecisionSpec { status: DecisionStatus; exempt: boolean; exemptPart: boolean; callIn: boolean; followUp: boolean }
interface MeetingSpec { body: number; day: number; publish: boolean; finalStatus: MeetingStatus; sections: SectionSpec[]; decisions: DecisionSpec[] }
/** Forward plan entries: on a published edition or still the clerk's working copy; in private or not. */
interface PlanEntrySpec { body: number; published: boolean; private: boolean }
/** Select committee reviews: the final report's versions, each exempt or not (issue 13: the report can be exempt). */
interface ReviewSpec { body: number; versions: ('exempt' | 'unrestricted')[] }
interface CouncilSpec { meetings: MeetingSpec[]; plan: PlanEntrySpec[]; reviews: ReviewSpec[]; reindex: boolean }

const paperArb: fc.Arbitrary<PaperSpec> = fc.record({
  exempt: fc.boolean(), kind: fc.constantFrom('report' as const, 'appendix' as const),
  versions: fc.array(fc.constantFrom('exempt' as const, 'unrestricted' as const, 'replace' as const), { maxLength: 2 }),
});
const itemArb: fc.Arbitrary<ItemSpec> = fc.record({
  exempt: fc.boolean(), papers: fc.array(paperArb, { minLength: 1, maxLength: 2 }),
  reclassify: fc.constantFrom('none' as const, 'before' as const, 'after' as const, 'touch' as const),
  minute: fc.constantFrom('none' as const, 'open' as const, 'exempt' as const),
});
const meetingArb: fc.Arbitrary<MeetingSpec> = fc.record({
  body: fc.integer({ min: 0, max: 1 }),
  day: fc.integer({ min: 0, max: 300 }),
  publish: fc.oneof(fc.constant(true), fc.boolean()),
  finalStatus: fc.constantFrom(...STATUSES),
  sections: fc.array(fc.record({ exempt: fc.boolean(), items: fc.array(itemArb, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
  decisions: fc.array(fc.record({ status: fc.constantFrom(...DECISION_STATUSES), exempt: fc.boolean(), exemptPart: fc.boolean(), callIn: fc.boolean(), followUp: fc.boolean() }), { maxLength: 2 }),
});
const planArb: fc.Arbitrary<PlanEntrySpec> = fc.record({ body: fc.integer({ min: 0, max: 1 }), published: fc.boolean(), private: fc.boolean() });
const reviewArb: fc.Arbitrary<ReviewSpec> = fc.record({ body: fc.integer({ min: 0, max: 1 }), versions: fc.array(fc.constantFrom('exempt' as const, 'unrestricted' as const), { minLength: 1, maxLength: 2 }) });
const councilArb: fc.Arbitrary<CouncilSpec> = fc.record({ meetings: fc.array(meetingArb, { minLength: 2, maxLength: 4 }), plan: fc.array(planArb, { maxLength: 3 }), reviews: fc.array(reviewArb, { minLength: 1, maxLength: 2 }), reindex: fc.boolean() });

// -------------------------------------------------------------------------------------------------------------
// Markers

/** Why a marker is secret: unpublished (nobody outside Democratic Services) or exempt (only those on the body). */
interface Secret { marker: string; what: string; unpublished: boolean; exempt: boolean; bodyIndex: number }

class Markers {
  private n = 0;
  readonly secrets: Secret[] = [];
  readonly open: { marker: string; what: string }[] = [];
  /** Fixed-length, letters only, lowercase: never a substring of another marker, one search token. */
  private next(prefix: string): string {
    let k = this.n++;
    let s = '';
    for (let i = 0; i < 6; i++) {
      s += String.fromCharCode(97 + (k % 26));
      k = Math.floor(k / 26);
    }
    return `${prefix}${s}x`;
  }
  /** A marker whose secrecy is decided once the council is built (`decide`). */
  word(): string {
    return this.next('zmk');
  }
}

const dayOf = (day: number) => new Date(Date.UTC(2024, 0, 10) + day * 86_400_000).toISOString().slice(0, 10);
const minusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

// -------------------------------------------------------------------------------------------------------------
// Building a council from its spec, recording every marker with the facts that decide its secrecy

/** councillors: exempt, but every councillor may read it (a decision's exempt part), not only those on the body. */
interface Placed { marker: string; what: string; bodyIndex: number; meeting?: MeetingFacts; secretIf: (m: MeetingFacts | undefined) => { unpublished: boolean; exempt: boolean; councillors?: boolean } }
interface MeetingFacts { agendaPublished: boolean; minutesPublished: boolean; slug: string }

interface Built {
  placed: Placed[];
  urls: string[];
  searchWords: string[];
  bodyIds: number[];
  voterId: number;
}

/** The councillor who sits on both bodies and casts every recorded vote (as printed in the minutes). */
const VOTER = { forenames: 'Vera', surname: 'Voter', printed: 'Councillor Vera Voter', email: 'vera.voter@example.org' };

const AFTER_AGENDA: readonly string[] = ['agenda-published', 'held', 'minutes-drafted', 'minutes-approved'];

async function build(store: Store, spec: CouncilSpec): Promise<Built> {
  const db = store.db;
  const a = SYSTEM_ACTOR;
  const mk = new Markers();
  const placed: Placed[] = [];
  const urls: string[] = [];
  const bodyIds = [
    await createBody(db, a, { name: 'Alpha Property Committee', kind: 'regulatory-committee' }),
    await createBody(db, a, { name: 'Beta Planning Committee', kind: 'regulatory-committee' }),
  ];
  const bodySlugs = await Promise.all(bodyIds.map(async (id) => (await db.selectFrom('body').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug));
  urls.push(...bodySlugs.flatMap((s) => [`/bodies/${s}`, `/bodies/${s}/feed.atom`, `/bodies/${s}/feed.rss`, `/bodies/${s}/calendar.ics`, `/api/v1/bodies/${s}`]));
  const voterId = await createPerson(db, a, { forenames: VOTER.forenames, surname: VOTER.surname, kind: 'councillor', email: VOTER.email });
  for (const bodyId of bodyIds) await addMembership(db, a, { bodyId, personId: voterId, role: 'member', startsOn: '2021-05-01' });
  const voter = (await db.selectFrom('person').select('slug').where('id', '=', voterId).executeTakeFirstOrThrow()).slug;
  urls.push(`/people/${voter}`, `/people/${voter}/feed.atom`, `/people/${voter}/feed.rss`, `/people/${voter}/votes`, `/people/${voter}/votes.csv`, `/people/${voter}/attendance.csv`,
    `/api/v1/people/${voter}`, `/api/v1/people/${voter}/votes`, `/api/v1/people/${voter}/attendance`);

  for (const [mi, ms] of spec.meetings.entries()) {
    const bodyIndex = ms.body;
    const date = dayOf(ms.day + mi);
    // Item contents: the title marker's secrecy depends on publication only; the rest on exemption too.
    interface ItemState { id: number; code: string; sectionId: number; sectionExempt: boolean; exempt: boolean; spec: ItemSpec; title: string; papers: { id: number; slug: string; versions: Classification[]; titleMarker: string; textMarkers: string[] }[] }
    const items: ItemState[] = [];
    const sections = ms.sections.map((s, si) => ({
      letter: String.fromCharCode(65 + si), title: `Section ${si + 1}`, exempt: s.exempt,
      items: s.items.map((it, ii) => {
        const title = `Item ${mk.word()} ${COMMON}`;
        const exempt = it.exempt || s.exempt;
        return {
          code: `${String.fromCharCode(65 + si)}${ii + 1}`, title, purpose: `To consider the ${mk.word()} ${COMMON}`,
          presenters: [`Officer ${mk.word()}`], guests: [{ name: `Guest ${mk.word()}`, role: null, timeSlot: null }],
          urgentReason: `Urgent ${mk.word()}`, exempt, exemptParagraphs: exempt ? [3] : [], publicInterestReason: exempt ? `Reason ${mk.word()}` : null,
          toFollow: it.papers.length === 0,
        };
      }),
    }));
    const m = await createMeeting(db, a, { bodyId: bodyIds[bodyIndex], date, time: '10:00', venue: 'Council Chamber', sections });
    const facts: MeetingFacts = { agendaPublished: false, minutesPublished: false, slug: m.slug };
    const sectionRows = await loadAgenda(db, m.id);
    for (const [si, s] of ms.sections.entries()) {
      for (const [ii, it] of s.items.entries()) {
        const row = sectionRows[si].items[ii];
        const gen = sections[si].items[ii];
        items.push({ id: row.id, code: row.code, sectionId: sectionRows[si].id, sectionExempt: s.exempt, exempt: gen.exempt, spec: it, title: gen.title, papers: [] });
      }
    }

    const setExempt = async (it: ItemState, exempt: boolean) => {
      const effective = exempt || it.sectionExempt;
      const row = await db.selectFrom('agenda_item').selectAll().where('id', '=', it.id).executeTakeFirstOrThrow();
      await updateItem(db, a, it.id, {
        sectionId: it.sectionId, title: row.title, purpose: row.purpose, presenters: JSON.parse(row.presenters_json) as string[], toFollow: !!row.to_follow,
        urgentReason: row.urgent_reason, exempt, exemptParagraphs: effective ? [3] : [], publicInterestReason: effective ? (row.public_interest_reason ?? `Reason ${mk.word()}`) : null,
        guests: JSON.parse(row.guests_json),
      });
      // A reason written now is exempt content of the item as well.
      it.exempt = effective;
    };

    // Papers: v1 as asked (never less restricted than its item), then further versions.
    for (const it of items) {
      for (const p of it.spec.papers) {
        const titleMarker = mk.word();
        const text = mk.word();
        const v1: Classification = p.exempt || it.exempt ? 'exempt' : 'unrestricted';
        const d = await addDocument(db, a, {
          meetingId: m.id, agendaItemId: it.id, kind: p.kind, title: `Paper ${titleMarker} ${COMMON}`, classification: p.exempt ? 'exempt' : 'unrestricted', exemptParagraphs: p.exempt ? [3] : [],
          file: { bytes: await pdfWithText([`Paper text ${text} ${COMMON}`]), fileName: `${titleMarker}.pdf`, contentType: 'application/pdf', pageCount: 1 }, pages: [`Paper text ${text} ${COMMON}`],
        });
        it.papers.push({ id: d.id, slug: d.slug, versions: [v1], titleMarker, textMarkers: [text] });
      }
    }
    const addVersions = async () => {
      for (const it of items) {
        for (const [pi, p] of it.spec.papers.entries()) {
          const paper = it.papers[pi];
          for (const v of p.versions) {
            const text = mk.word();
            const bytes = await pdfWithText([`Version text ${text} ${COMMON}`]);
            if (v === 'replace') {
              await attachPaper(db, a, it.id, { title: `Paper ${paper.titleMarker} ${COMMON}`, kind: p.kind, fileName: `${text}.pdf`, bytes, pageCount: 1, replacesDocumentId: paper.id });
              paper.versions.push(it.exempt ? 'exempt' : 'unrestricted');
            } else {
              await addDocumentVersion(db, a, paper.id, { file: { bytes, fileName: `${text}.pdf`, contentType: 'application/pdf', pageCount: 1 }, pages: [`Version text ${text} ${COMMON}`], classification: v });
              paper.versions.push(v === 'exempt' || it.exempt ? 'exempt' : 'unrestricted');
            }
            paper.textMarkers.push(text);
          }
        }
      }
    };

    for (const it of items) if (it.spec.reclassify === 'before') await setExempt(it, !it.exempt);
    for (const it of items) if (it.spec.reclassify === 'touch') await setExempt(it, it.exempt);
    if (ms.publish) {
      await publishAgenda(store, a, m.slug, { publishedOn: minusDays(date, 14), lateReason: 'Property test' });
      facts.agendaPublished = true;
      urls.push(`/meetings/${m.slug}/pack.pdf`, `/meetings/${m.slug}/pack-confidential.pdf`, `/meetings/${m.slug}/frontsheet.pdf`, `/meetings/${m.slug}/pack-v1.pdf`);
    }
    for (const it of items) if (it.spec.reclassify === 'after') await setExempt(it, !it.exempt);
    await addVersions();

    // Minutes, then the meeting's final status.
    const minutes = items.filter((it) => it.spec.minute !== 'none').map((it) => {
      const words = [mk.word(), mk.word(), mk.word()];
      return { it, words, exempt: it.spec.minute === 'exempt', entry: {
        agendaItemId: it.id, title: `Minute on ${it.code}`, paragraphs: [`Members discussed ${words[0]} ${COMMON}`], resolutions: [{ text: `RESOLVED ${words[1]}`, parts: [] }],
        exempt: it.spec.minute === 'exempt', votes: [{ motion: `That the ${words[2]} ${COMMON} be agreed`, for: [VOTER.printed, 'Councillor Other Member'], against: [], abstained: [] }],
      } };
    });
    if (minutes.length) await recordMinutes(db, a, m.id, minutes.map((x) => x.entry));
    if (ms.finalStatus !== 'scheduled') await setMeetingStatus(db, a, m.id, ms.finalStatus, 'Property test');
    if (AFTER_AGENDA.includes(ms.finalStatus)) facts.agendaPublished = true;
    // Publication events for the mail worker, whatever was published: an event only says "look at this meeting".
    await recordAudit(db, a, { action: 'publish', entity: 'meeting', entityId: m.id, summary: 'Property test: agenda event', after: { version: 1 } });
    await recordAudit(db, a, { action: 'publish', entity: 'meeting', entityId: m.id, summary: 'Property test: supplementary event', after: { version: 1, items: [] } });
    await recordAudit(db, a, { action: 'publish', entity: 'minutes', entityId: m.id, summary: 'Property test: minutes event' });
    await recordAudit(db, a, { action: 'approve', entity: 'minutes', entityId: m.id, summary: 'Property test: approval event' });
    facts.minutesPublished = ms.finalStatus === 'minutes-drafted' || ms.finalStatus === 'minutes-approved';

    // Decisions of the meeting.
    for (const dspec of ms.decisions) {
      const subject = mk.word();
      const text = mk.word();
      // Taken in private: on an exempt item where there is one, with the exempt part the clerk marked.
      const it = (dspec.exemptPart ? items.find((x) => x.exempt) : undefined) ?? items[0];
      const exemptPart = mk.word();
      const d = await createDecision(db, a, {
        takerKind: 'body', takerName: bodySlugs[bodyIndex], takerBodyId: bodyIds[bodyIndex], meetingId: m.id, agendaItemId: it.id, takenOn: date,
        subject: `Decision ${subject} ${COMMON}`, classification: dspec.exempt ? 'exempt' : 'unrestricted', text: `Agreed ${text} ${COMMON}`, status: dspec.status,
        publishedOn: dspec.status === 'draft' ? null : date,
        ...(dspec.exemptPart ? { containsExemptInformation: true, exemptParagraphs: [3], exemptPart: `The bidder ${exemptPart} ${COMMON} offered the most.` } : {}),
      });
      const slug = (await db.selectFrom('decision').select('slug').where('id', '=', d.id).executeTakeFirstOrThrow()).slug;
      urls.push(`/decisions/${slug}`, `/api/v1/decisions/${slug}`, `/api/v1/decisions/${slug}/timeline`);
      await recordAudit(db, a, { action: 'publish', entity: 'decision', entityId: d.id, summary: 'Property test: decision event' });
      const decisionSecret = () => ({ unpublished: dspec.status === 'draft', exempt: dspec.exempt });
      const about = `${dspec.status}, ${dspec.exempt ? 'exempt' : 'open'}${dspec.exemptPart ? `, taken in private on ${it.exempt ? 'an exempt' : 'an open'} item with an exempt part` : ''}`;
      placed.push({ marker: subject, what: `decision subject (${about})`, bodyIndex, secretIf: decisionSecret });
      placed.push({ marker: text, what: `decision text (${about})`, bodyIndex, secretIf: decisionSecret });
      // The exempt part: never public, whatever the record's status; every councillor may read it on a record they
      // may see (a wholly exempt record only those on the body see at all).
      if (dspec.exemptPart) {
        placed.push({ marker: exemptPart, what: `exempt part of a decision (${about})`, bodyIndex, secretIf: () => ({ unpublished: dspec.status === 'draft', exempt: true, councillors: !dspec.exempt }) });
      }
      // Its call-in (the timeline, the call-ins API) and the scrutiny follow-up on it (the schedule, its API).
      if (dspec.callIn) {
        const reasons = mk.word();
        await insertCallIn(db, { decision_id: d.id, requested_by: 'Mr Probe', requested_on: date, reasons: `Called in ${reasons} ${COMMON}`, status: 'valid', considered_at_meeting_id: null,
          outcome: null, outcome_notes: null, requested_by_person_id: null, basis: 'members', valid_on: date, refusal_reason: null, background: null, agenda_item_id: null, outcome_on: null });
        placed.push({ marker: reasons, what: `call-in reasons (${about})`, bodyIndex, secretIf: decisionSecret });
      }
      if (dspec.followUp && dspec.status !== 'draft') {
        const [title, rec, response] = [mk.word(), mk.word(), mk.word()];
        const f = await addFollowUp(db, a, { bodyId: bodyIds[bodyIndex], decisionId: d.id, title: `Follow-up ${title} ${COMMON}`, consideredOn: date, recommendations: [{ text: `That ${rec} ${COMMON}` }] });
        const recId = (await db.selectFrom('follow_up_recommendation').select('id').where('follow_up_id', '=', f).executeTakeFirstOrThrow()).id;
        await addFollowUpResponse(db, a, recId, { text: `Agreed ${response} ${COMMON}`, respondedOn: date, dateActioned: 'Ongoing' });
        for (const [w, what] of [[title, 'title'], [rec, 'recommendation'], [response, 'response']] as const) {
          placed.push({ marker: w, what: `follow-up ${what} on a decision (${about})`, bodyIndex, secretIf: () => ({ unpublished: false, exempt: dspec.exempt }) });
        }
      }
    }

    // Record what each marker is, from the final state.
    urls.push(`/meetings/${m.slug}`, `/meetings/${m.slug}/calendar.ics`, `/api/v1/meetings/${m.slug}`);
    const gen = sections.flatMap((s) => s.items);
    for (const [k, it] of items.entries()) {
      const g = gen[k];
      const exemptNow = it.exempt;
      urls.push(`/meetings/${m.slug}/items/${it.code}`);
      placed.push({ marker: g.title.split(' ')[1], what: `item ${it.code} title (${exemptNow ? 'exempt' : 'open'} item)`, bodyIndex, meeting: facts, secretIf: (f) => ({ unpublished: !f!.agendaPublished, exempt: false }) });
      const itemText = [g.purpose, ...g.presenters, g.guests[0].name, g.urgentReason, g.publicInterestReason].filter((x): x is string => !!x).map((x) => x.split(' ').find((w) => w.startsWith('zmk'))!);
      for (const w of itemText) placed.push({ marker: w, what: `item ${it.code} content (${exemptNow ? 'exempt' : 'open'} item)`, bodyIndex, meeting: facts, secretIf: (f) => ({ unpublished: !f!.agendaPublished, exempt: exemptNow }) });
      // Reasons written at reclassification.
      const row = await db.selectFrom('agenda_item').select('public_interest_reason').where('id', '=', it.id).executeTakeFirstOrThrow();
      const reason = row.public_interest_reason?.split(' ').find((w) => w.startsWith('zmk'));
      if (reason && !itemText.includes(reason)) placed.push({ marker: reason, what: `item ${it.code} public-interest reason`, bodyIndex, meeting: facts, secretIf: (f) => ({ unpublished: !f!.agendaPublished, exempt: true }) });
      for (const p of it.papers) {
        const versionExempt = (v: Classification) => v === 'exempt' || exemptNow;
        // A paper's title is the document's: public as soon as one of its versions is.
        placed.push({ marker: p.titleMarker, what: `paper title (versions ${p.versions.join(', ')}, item ${exemptNow ? 'exempt' : 'open'})`, bodyIndex, meeting: facts, secretIf: (f) => ({ unpublished: !f!.agendaPublished, exempt: p.versions.every(versionExempt) }) });
        p.versions.forEach((v, i) => {
          placed.push({ marker: p.textMarkers[i], what: `paper v${i + 1} text (${v}, item ${exemptNow ? 'exempt' : 'open'})`, bodyIndex, meeting: facts, secretIf: (f) => ({ unpublished: !f!.agendaPublished, exempt: versionExempt(v) }) });
          urls.push(`/documents/${p.slug}/v${i + 1}`, `/documents/${p.slug}/v${i + 1}.pdf`, `/api/v1/documents/${p.slug}/versions/${i + 1}`, `/api/v1/documents/${p.slug}/versions/${i + 1}/file`);
        });
        urls.push(`/documents/${p.slug}`, `/documents/${p.slug}.pdf`, `/api/v1/documents/${p.slug}`);
      }
    }
    for (const x of minutes) {
      const exempt = x.exempt || x.it.exempt;
      for (const w of x.words) placed.push({ marker: w, what: `minute of ${x.it.code} (${exempt ? 'exempt' : 'open'})`, bodyIndex, meeting: facts, secretIf: (f) => ({ unpublished: !f!.minutesPublished, exempt }) });
    }
  }
  // The forward plan: entries on a published edition are public (a private entry's subject and reasons too: the
  // 28-day notice publishes them); the clerk's entries not yet on an edition are not. Work programmes are public.
  const plan = [...spec.plan].sort((x, y) => Number(y.published) - Number(x.published));
  for (const [i, e] of plan.entries()) {
    const [title, reason] = [mk.word(), mk.word()];
    await addForwardPlanEntry(db, a, { title: `Plan ${title} ${COMMON}`, takerKind: 'body', takerName: 'Cabinet', expectedOn: dayOf(400), key: false, private: e.private,
      exemptParagraphs: e.private ? [3] : [], privateReason: e.private ? `Private ${reason} ${COMMON}` : null }, dayOf(0));
    placed.push({ marker: title, what: `forward plan entry (${e.published ? 'published' : 'not yet published'})`, bodyIndex: e.body, secretIf: () => ({ unpublished: !e.published, exempt: false }) });
    if (e.private) placed.push({ marker: reason, what: `reasons for taking a forward plan entry in private (${e.published ? 'published' : 'not yet published'})`, bodyIndex: e.body, secretIf: () => ({ unpublished: !e.published, exempt: false }) });
    if (e.published && !plan[i + 1]?.published) await publishForwardPlan(db, a, dayOf(1));
  }
  if (plan.some((e) => e.published)) urls.push('/forward-plan/editions/1', '/api/v1/forward-plan?edition=1');
  for (const [i, bodyId] of bodyIds.entries()) {
    const w = mk.word();
    await addWorkProgrammeItem(db, a, { bodyId, title: `Work ${w} ${COMMON}` }, dayOf(0));
    placed.push({ marker: w, what: 'work programme item', bodyIndex: i, secretIf: () => ({ unpublished: false, exempt: false }) });
    urls.push(`/bodies/${bodySlugs[i]}/work-programme`, `/api/v1/bodies/${bodySlugs[i]}/work-programme`, `/api/v1/follow-ups?body=${bodySlugs[i]}`);
  }
  // Select committee reviews (public from their start) and their final reports: each version exempt or not, judged as
  // a paper of the appointing body (its title public once one version is; a version's text as its classification).
  for (const [ri, rs] of spec.reviews.entries()) {
    const r = await startReview(db, a, { bodyId: bodyIds[rs.body], title: `Review ${ri} ${COMMON}`, termsOfReference: 'To review the service.', startedOn: dayOf(0), members: [{ name: 'Mr Probe', role: 'Chairman' }] });
    await advanceReview(db, a, r.id, { to: 'evidence', on: dayOf(1) });
    await advanceReview(db, a, r.id, { to: 'report', on: dayOf(2), reportSummary: 'The committee made six recommendations.' });
    const titleMarker = mk.word();
    let docSlug = '';
    for (const [vi, v] of rs.versions.entries()) {
      const text = mk.word();
      const pdf = await pdfWithText([`Final report ${COMMON}`, `Finding ${text} ${COMMON}`]);
      const up = await attachReviewReport(db, a, r.id, { fileName: `r${vi}.pdf`, bytes: pdf, title: `Report ${titleMarker} ${COMMON}`, note: vi ? 'Corrected' : null,
        classification: v, exemptParagraphs: v === 'exempt' ? [3] : [] });
      docSlug = up.slug;
      placed.push({ marker: text, what: `review final report v${vi + 1} text (${v})`, bodyIndex: rs.body, secretIf: () => ({ unpublished: false, exempt: v === 'exempt' }) });
      urls.push(`/documents/${up.slug}/v${vi + 1}`, `/documents/${up.slug}/v${vi + 1}.pdf`, `/api/v1/documents/${up.slug}/versions/${vi + 1}`, `/api/v1/documents/${up.slug}/versions/${vi + 1}/file`);
    }
    placed.push({ marker: titleMarker, what: `review final report title (versions ${rs.versions.join(', ')})`, bodyIndex: rs.body, secretIf: () => ({ unpublished: false, exempt: rs.versions.every((v) => v === 'exempt') }) });
    urls.push(`/reviews/${r.slug}`, `/api/v1/reviews/${r.slug}`, `/documents/${docSlug}`, `/documents/${docSlug}.pdf`, `/api/v1/documents/${docSlug}`);
  }
  if (spec.reindex) await rebuildSearchIndex(store);
  return { placed, urls, searchWords: placed.filter((p) => { const x = p.secretIf(p.meeting); return x.exempt || x.unpublished; }).map((p) => p.marker), bodyIds, voterId };
}

// -------------------------------------------------------------------------------------------------------------
// Crawling

function readPdf(bytes: Buffer): string {
  try {
    return pdfText(bytes);
  } catch {
    return '';
  }
}

/** Not public surfaces (or not content): the crawl stays out. */
const SKIP = /^\/(assets|static|govuk|account|workspace|author|admin|my|alerts|healthz|livez|readyz|metrics)(\/|$|\?)/;

function linksOf(res: LightMyRequestResponse, text: string): string[] {
  const out: string[] = [];
  const add = (u: string) => {
    let s = u.replace(/&amp;/g, '&').trim();
    const abs = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/.*)?$/.exec(s);
    if (abs) s = abs[3] ?? '/';
    if (!s.startsWith('/') || s.startsWith('//')) return;
    s = s.split('#')[0];
    if (s && !SKIP.test(s)) out.push(s);
  };
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('json')) {
    const walk = (v: unknown): void => {
      if (typeof v === 'string') add(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    try {
      walk(JSON.parse(text));
    } catch { /* not JSON after all */ }
  } else {
    for (const m of text.matchAll(/(?:href|src)="([^"]+)"/g)) add(m[1]);
    for (const m of text.matchAll(/<(?:loc|link|id)>([^<]+)<\/(?:loc|link|id)>/g)) add(m[1]);
    for (const m of text.matchAll(/^URL[^:]*:(\S+)/gm)) add(m[1]);
  }
  return out;
}

interface Seen { url: string; status: number; text: string }

async function crawl(app: FastifyInstance, headers: Record<string, string>, seeds: string[], limit = 1200): Promise<Seen[]> {
  const queue = [...seeds];
  const done = new Set<string>();
  const perPath = new Map<string, number>();
  const out: Seen[] = [];
  while (queue.length && done.size < limit) {
    const url = queue.shift()!;
    if (done.has(url)) continue;
    // Filters and pages of one list: a few variants are enough.
    const path = url.split('?')[0];
    const variants = perPath.get(path) ?? 0;
    if (url.includes('?') && variants >= 6 && !seeds.includes(url)) continue;
    perPath.set(path, variants + 1);
    done.add(url);
    const res = await app.inject({ method: 'GET', url, headers });
    const type = String(res.headers['content-type'] ?? '');
    const text = type.includes('pdf') || res.rawPayload.subarray(0, 5).toString() === '%PDF-' ? readPdf(res.rawPayload)
      // A zip of PDFs (the Open data page's yearly zips): each file's name and text.
      : type.includes('zip') ? Object.entries(unzipSync(new Uint8Array(res.rawPayload))).map(([name, bytes]) => `${name}\n${readPdf(Buffer.from(bytes))}`).join('\n')
        : res.body;
    out.push({ url, status: res.statusCode, text });
    if (res.statusCode === 200) for (const l of linksOf(res, text)) if (!done.has(l)) queue.push(l);
  }
  return out;
}

const GLOBAL_SEEDS = [
  '/', '/meetings', '/bodies', '/calendar', '/decisions', '/archive', '/people', '/forward-plan', '/forward-plan/private-meetings', '/follow-up', '/sitemap.xml',
  '/calendar.ics', '/meetings/feed.atom', '/meetings/feed.rss', '/decisions/feed.atom', '/decisions/feed.rss',
  '/api/v1/meetings', '/api/v1/bodies', '/api/v1/decisions', '/api/v1/people',
  '/api/v1/forward-plan', '/api/v1/key-decisions', '/api/v1/call-ins', '/api/v1/follow-ups', '/api/v1/notice-exceptions?from=2024-01-01&to=2026-12-31',
  '/archive/2024', '/meetings?year=2024',
  '/open-data', '/open-data/pdfs-2024.zip', '/open-data/popolo.json', '/open-data/votes.csv', '/open-data/votes-2024.json', '/api/v1/export/popolo', '/api/v1/export/popolo/vote_events',
  '/api/v1/datasets', '/api/v1/datasets/items', '/api/v1/datasets/papers', '/api/v1/datasets/votes', '/api/v1/datasets/decisions',
];

/**
 * Every message the mail worker queues from the council's publication events: alerts of every kind (immediate, and
 * the daily digest), papers to members (the voter, with no account: the public's entitlement) and webhooks.
 */
async function queuedMessages(store: Store, built: Built): Promise<{ what: string; text: string }[]> {
  const db = store.db;
  const now = new Date().toISOString();
  const subscribe = async (i: number, kind: string, target: object, frequency: 'immediate' | 'daily') => {
    const subscriber = await createSubscriber(db, `resident${i}@example.org`, `subscriber-token-${i}`, now);
    const id = await insertSubscription(db, { subscriberId: subscriber, kind, targetJson: JSON.stringify(target), label: `${kind} alert`, frequency, confirmToken: `confirm-${i}`, now });
    await markConfirmed(db, id, now);
  };
  await subscribe(0, 'body', { bodyId: built.bodyIds[0] }, 'immediate');
  await subscribe(1, 'body', { bodyId: built.bodyIds[1] }, 'immediate');
  await subscribe(2, 'decisions', {}, 'immediate');
  await subscribe(3, 'search', { q: COMMON }, 'immediate');
  await subscribe(4, 'person', { personId: built.voterId }, 'immediate');
  await subscribe(5, 'search', { q: COMMON }, 'daily');
  await subscribe(6, 'body', { bodyId: built.bodyIds[0] }, 'daily');
  await subscribe(7, 'forward-plan', {}, 'immediate');
  await subscribe(8, 'forward-plan', { key: true }, 'daily');
  await createWebhook(db, SYSTEM_ACTOR, { url: 'https://hooks.example.org/moot', events: EVENT_TYPES });
  // An hour on, so every event has settled; noon in London at the earliest, so the digest is due.
  const later = new Date(Math.max(Date.now() + 3600_000, Date.parse(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`)));
  const ctx = { baseUrl: 'https://democracy.example.gov.uk', councilName: 'Example County Council', now: later };
  await processPublicationEvents(store, ctx);
  await sendDigests(store, ctx);
  const rows = await db.selectFrom('outbox').select(['purpose', 'recipient', 'subject', 'payload_json']).execute();
  return rows.map((r) => ({ what: `${r.purpose} to ${r.recipient} "${r.subject}"`, text: `${r.subject}\n${r.payload_json}`.toLowerCase() }));
}

/**
 * Searches: the word every text carries (web, API and both feeds), and a few of the markers themselves (web and
 * API). Queries are upper case, so the query echoed back is never taken for the lower-case marker.
 */
function searchUrls(words: string[]): string[] {
  const out: string[] = [];
  const q = COMMON.toUpperCase();
  out.push(`/search?q=${q}`, `/api/v1/search?q=${q}`, `/search/feed.atom?q=${q}`, `/search/feed.rss?q=${q}`);
  const step = Math.max(1, Math.floor(words.length / 6));
  for (let i = 0; i < words.length; i += step) out.push(`/search?q=${words[i].toUpperCase()}`, `/api/v1/search?q=${words[i].toUpperCase()}`);
  return out;
}

/** Removes what the viewer typed (the request path and the search query) before looking for markers. */
function withoutEcho(s: Seen): string {
  let t = s.text.toLowerCase();
  const echoes = [s.url, decodeURIComponent(s.url), ...s.url.split(/[/?=&]/).filter((x) => x.length > 3)].map((x) => x.toLowerCase());
  for (const e of echoes.sort((x, y) => y.length - x.length)) t = t.split(e).join(' ');
  return t;
}

// -------------------------------------------------------------------------------------------------------------

interface Probe { name: string; headers: Record<string, string>; bodyIndex: number | null; councillor: boolean }

async function probesFor(store: Store, bodyIds: number[]): Promise<Probe[]> {
  const db = store.db;
  const mkUser = async (name: string, role: 'councillor' | 'report-author', bodyId: number | null) => {
    const personId = await createPerson(db, SYSTEM_ACTOR, { forenames: name, surname: 'Probe', kind: role === 'councillor' ? 'councillor' : 'officer' });
    if (bodyId !== null) await addMembership(db, SYSTEM_ACTOR, { bodyId, personId, role: 'member', startsOn: '2021-05-01' });
    const userId = await createUser(db, SYSTEM_ACTOR, { email: `${name.toLowerCase()}@example.org`, displayName: name, role, personId, password: 'correct horse battery staple' });
    return (await createApiToken(db, SYSTEM_ACTOR, userId, 'probe')).token;
  };
  const mkCllr = (name: string, bodyId: number | null) => mkUser(name, 'councillor', bodyId);
  const elsewhere = await createBody(db, SYSTEM_ACTOR, { name: 'Gamma Standards Committee', kind: 'regulatory-committee' });
  return [
    { name: 'public', headers: {}, bodyIndex: null, councillor: false },
    { name: 'councillor not on the body', headers: { authorization: `Bearer ${await mkCllr('Elsewhere', elsewhere)}` }, bodyIndex: null, councillor: true },
    { name: 'councillor on Alpha', headers: { authorization: `Bearer ${await mkCllr('Member', bodyIds[0])}` }, bodyIndex: 0, councillor: true },
    // A report author (an officer writing a report) is entitled to no exempt information by that role alone.
    { name: 'report author', headers: { authorization: `Bearer ${await mkUser('Author', 'report-author', null)}` }, bodyIndex: null, councillor: false },
  ];
}

async function checkCouncil(kind: 'sqlite' | 'postgres', spec: CouncilSpec): Promise<void> {
  const ts = await openTestStore(kind);
  if (!ts) return;
  let app: FastifyInstance | null = null;
  try {
    const t0 = Date.now();
    await startCursor(ts.store, 'mail-and-webhooks');
    const built = await build(ts.store, spec);
    if (process.env.MOOT_PROPERTY_DEBUG) console.log(`${kind} built in ${Date.now() - t0} ms`);
    const probes = await probesFor(ts.store, built.bodyIds);
    app = await appWith(ts.store, registerPortal());
    const allOpen = new Set<string>();
    for (const probe of probes) {
      const secrets = built.placed.filter((p) => {
        const s = p.secretIf(p.meeting);
        return s.unpublished || (s.exempt && probe.bodyIndex !== p.bodyIndex && !(s.councillors && probe.councillor));
      });
      const open = built.placed.filter((p) => !secrets.includes(p));
      const t1 = Date.now();
      const seen = await crawl(app, probe.headers, [...GLOBAL_SEEDS, ...built.urls, ...searchUrls(built.searchWords)]);
      if (process.env.MOOT_PROPERTY_DEBUG) console.log(`${kind} ${probe.name}: crawled in ${Date.now() - t1} ms`);
      const leaks: string[] = [];
      const found = new Set<string>();
      for (const s of seen) {
        const text = withoutEcho(s);
        for (const p of secrets) if (text.includes(p.marker)) leaks.push(`${p.what} [${p.marker}] reached the ${probe.name} at ${s.url} (${s.status})`);
        for (const p of open) if (text.includes(p.marker)) found.add(p.marker);
      }
      if (process.env.MOOT_PROPERTY_DEBUG) console.log(`${kind} ${probe.name}: ${seen.length} responses, ${secrets.length} secret and ${open.length} open markers, ${found.size} open found`);
      expect(leaks, `leaks for the ${probe.name}`).toEqual([]);
      for (const m of found) allOpen.add(m);
      // The crawl is not vacuous: what the viewer may see, it finds (at least every public item title).
      const publicTitles = open.filter((p) => /^item \S+ title/.test(p.what) || p.what === 'work programme item' || p.what === 'forward plan entry (published)');
      for (const p of publicTitles) expect(found.has(p.marker), `${p.what} [${p.marker}] not found by the ${probe.name}`).toBe(true);
      // A record taken in private is public: its subject reaches every viewer; its exempt part every councillor.
      const publicParts = open.filter((p) => /^decision subject \([a-z-]+, open, taken in private/.test(p.what) || (probe.councillor && /^exempt part of a decision \([a-z-]+, open/.test(p.what)));
      for (const p of publicParts) expect(found.has(p.marker), `${p.what} [${p.marker}] not found by the ${probe.name}`).toBe(true);
    }

    // Alert emails, digests, papers to members and webhooks go to the public: nothing unpublished or exempt.
    const messages = await queuedMessages(ts.store, built);
    const publicSecrets = built.placed.filter((p) => { const s = p.secretIf(p.meeting); return s.unpublished || s.exempt; });
    const mailLeaks = messages.flatMap((m) => publicSecrets.filter((p) => m.text.includes(p.marker)).map((p) => `${p.what} [${p.marker}] in ${m.what}`));
    expect(mailLeaks, 'leaks in queued emails and webhooks').toEqual([]);
    // Not vacuous: every open item's title on a published agenda reaches the alert about its body, and a webhook.
    const announced = built.placed.filter((p) => /^item \S+ title \(open item\)/.test(p.what) && !p.secretIf(p.meeting).unpublished);
    for (const p of announced) {
      expect(messages.some((m) => /^alert to resident[01]@/.test(m.what) && m.text.includes(p.marker)), `${p.what} [${p.marker}] in no alert`).toBe(true);
      expect(messages.some((m) => m.what.startsWith('webhook') && m.text.includes(p.marker)), `${p.what} [${p.marker}] in no webhook`).toBe(true);
    }
    // Every entry of the published forward plan reaches the forward plan alert and a webhook.
    for (const p of built.placed.filter((x) => x.what === 'forward plan entry (published)')) {
      expect(messages.some((m) => /^alert to resident7@/.test(m.what) && m.text.includes(p.marker)), `${p.what} [${p.marker}] in no forward plan alert`).toBe(true);
      expect(messages.some((m) => m.what.startsWith('webhook') && m.text.includes(p.marker)), `${p.what} [${p.marker}] in no webhook`).toBe(true);
    }
  } finally {
    await app?.close();
    await ts.cleanup();
  }
}

describe.each(STORE_KINDS)('property: nothing exempt or unpublished reaches those not entitled, on %s', (kind) => {
  it(`holds for ${RUNS} random councils`, async () => {
    await fc.assert(fc.asyncProperty(councilArb, (spec) => checkCouncil(kind, spec)), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, 600_000);
});

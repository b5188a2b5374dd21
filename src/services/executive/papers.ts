// The scrutiny committee's generated papers: the call-in cover sheet on the item that considers a call-in, and the
// follow-up ("rolling") schedule and work programme on the items the clerk adds for them. The publication code asks
// for them when it builds a meeting's pack, so they are printed from the record as it stands at publication.
import { CALL_IN_OUTCOME_TEXT, CALL_IN_OUTCOMES, parseDateActioned } from '../../domain/executive.js';
import { PUBLIC_VIEWER } from '../../domain/policy.js';
import type { Actor } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import type { CallInCoverPaper, FollowUpSchedulePaper, Paper, WorkProgrammePaper } from '../../pack/model.js';
import { nowIso, recordAudit } from '../../store/audit.js';
import { transaction, type Db, type Queryable } from '../../store/db.js';
import { listSignatories } from '../../store/executive/call-ins.js';
import { callInsAtItems, generatedPapersOfMeeting, insertGeneratedPaper, listGeneratedPapers, meetingForPapers, type GeneratedPaperKind } from '../../store/executive/papers.js';
import { parseJson } from '../../store/json.js';
import { addItem, addSection, loadAgenda } from '../../store/workspace/agenda.js';
import { followUpSchedule, workProgramme } from './scrutiny.js';

export const GENERATED_PAPER_KINDS = ['follow-up-schedule', 'work-programme'] as const;
export const GENERATED_PAPER_TITLES: Readonly<Record<GeneratedPaperKind, string>> = Object.freeze({
  'follow-up-schedule': 'Follow-up Schedule',
  'work-programme': 'Work Programme',
});
const PURPOSE: Readonly<Record<GeneratedPaperKind, string>> = Object.freeze({
  'follow-up-schedule': 'To consider the Cabinet Members\u2019 responses to the Committee\u2019s recommendations and say whether each is satisfactory.',
  'work-programme': 'To consider and agree the Committee\u2019s work programme.',
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const printed = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
/** "Date actioned" as the schedule prints it: "5 February 2026", "Expected 1 May 2026", "Not applicable", "TBC", "Ongoing". */
function printedDateActioned(stored: string): string {
  try {
    const d = parseDateActioned(stored);
    return d.kind === 'word' ? d.word : d.kind === 'expected' ? `Expected ${printed(d.date)}` : printed(d.date);
  } catch {
    return stored;
  }
}

const paragraphs = (s: string | null | undefined) => (s ?? '').split(/\n\s*\n|\n/).map((x) => x.trim()).filter(Boolean);

/**
 * Adds the follow-up schedule or the work programme to a meeting's agenda as an item of its own whose paper is
 * generated from the record (of the meeting's own body unless another is given). Each kind once per meeting.
 */
export async function addGeneratedPaperItem(db: Db, actor: Actor, meetingId: number, kind: string, bodyId?: number | null): Promise<{ itemId: number; code: string }> {
  if (!(GENERATED_PAPER_KINDS as readonly string[]).includes(kind)) throw new ValidationError('choose the follow-up schedule or the work programme', 'kind');
  const k = kind as GeneratedPaperKind;
  return transaction(db, async (tx) => {
    const m = await meetingForPapers(tx, meetingId);
    if (!m) throw new ValidationError(`there is no meeting ${meetingId}`, 'meetingId');
    if (!['scheduled', 'agenda-published'].includes(m.status)) throw new ValidationError('the agenda of this meeting can no longer change', 'meetingId');
    if ((await generatedPapersOfMeeting(tx, meetingId)).some((g) => g.kind === k)) throw new ValidationError(`the ${GENERATED_PAPER_TITLES[k].toLowerCase()} is already on this agenda`, 'kind');
    const agenda = await loadAgenda(tx, meetingId);
    const sectionId = agenda.find((s) => !s.exempt)?.id ?? await addSection(tx, actor, meetingId, { title: 'Unrestricted items', exempt: false });
    const item = await addItem(tx, actor, meetingId, {
      sectionId, title: GENERATED_PAPER_TITLES[k], purpose: PURPOSE[k], presenters: [], toFollow: false, urgentReason: null, exempt: false, exemptParagraphs: [], publicInterestReason: null,
    });
    const id = await insertGeneratedPaper(tx, { agenda_item_id: item.id, kind: k, body_id: bodyId ?? m.body_id, created_at: nowIso() });
    await recordAudit(tx, actor, { action: 'create', entity: 'agenda_item_generated', entityId: id, summary: `${GENERATED_PAPER_TITLES[k]} generated into item ${item.code} of the ${m.body_name} meeting of ${m.date}`, after: { agenda_item_id: item.id, kind: k, body_id: bodyId ?? m.body_id } });
    return { itemId: item.id, code: item.code };
  });
}

/** Which generated papers a meeting's agenda already carries (for the clerk's agenda page). */
export function generatedPapersOn(db: Queryable, meetingId: number) {
  return generatedPapersOfMeeting(db, meetingId);
}

/**
 * The generated papers of a meeting's items, keyed by agenda item id, as the pack prints them. The follow-up
 * schedule is the public one (entries on exempt decisions are left out), like every generated report in the pack;
 * a call-in of an exempt decision sits on an exempt item, which the public pack replaces with its placeholder.
 */
export async function generatedPapersForItems(db: Queryable, meeting: { id: number; date: string; body_name: string }, itemIds: readonly number[], settings: { signatoryName?: string; signatoryTitle?: string } = {}): Promise<Map<number, Paper[]>> {
  const out = new Map<number, Paper[]>();
  const push = (id: number, p: Paper) => out.set(id, [...(out.get(id) ?? []), p]);
  const callIns = await callInsAtItems(db, itemIds);
  const signatories = await listSignatories(db, callIns.map((c) => c.id));
  const items = callIns.length ? await loadAgenda(db, meeting.id) : [];
  for (const c of callIns) {
    const item = items.flatMap((s) => s.items).find((i) => i.id === c.agenda_item_id);
    const guests = parseJson<{ name: string; role?: string | null; timeSlot?: string | null }[]>(item?.guests_json ?? '[]', []);
    const cover: CallInCoverPaper = {
      kind: 'call-in-cover',
      title: `Call-in of decision ${c.number}`,
      from: [settings.signatoryName ?? 'Democratic Services', settings.signatoryTitle ?? 'Head of Democratic Services'].filter((x, i, a) => a.indexOf(x) === i),
      to: { body: meeting.body_name, date: meeting.date },
      decision: { number: c.number, subject: c.subject, taker: c.taker_name, takenOn: c.taken_on, publishedOn: c.published_on ?? undefined, keyDecision: !!c.key_decision, portfolio: c.portfolio ?? undefined, text: paragraphs(c.decision_text) },
      calledInBy: signatories.filter((s) => s.call_in_id === c.id).map((s) => s.name),
      calledInOn: c.valid_on ?? c.requested_on,
      reasons: paragraphs(c.reasons),
      background: paragraphs(c.background),
      guests: guests.map((g) => ({ name: g.name, role: g.role ?? undefined, timeSlot: g.timeSlot ?? undefined })),
      options: CALL_IN_OUTCOMES.map((letter) => ({ letter, text: CALL_IN_OUTCOME_TEXT[letter] })),
    };
    push(c.agenda_item_id!, cover);
  }
  for (const g of await listGeneratedPapers(db, itemIds)) {
    if (g.kind === 'follow-up-schedule') {
      const entries = await followUpSchedule(db, PUBLIC_VIEWER, g.body_id, meeting.date);
      const paper: FollowUpSchedulePaper = {
        kind: 'follow-up-schedule', title: 'Follow-up Schedule', bodyName: g.body_name, date: meeting.date,
        entries: entries.map((e) => ({
          title: e.title, portfolio: e.portfolio ?? undefined, synopsis: e.synopsis ?? undefined, reason: e.reason ?? undefined, consideredOn: e.consideredOn ?? undefined,
          recommendations: e.recommendations.map((r) => ({
            label: r.label, text: r.text, verdict: r.verdict ?? undefined,
            responses: r.responses.map((x) => ({ round: x.round, text: x.text, respondedOn: x.respondedOn, dateActioned: printedDateActioned(x.dateActioned), responder: x.responder ?? undefined, notes: x.notes ?? undefined })),
          })),
        })),
      };
      push(g.agenda_item_id, paper);
    } else if (g.kind === 'work-programme') {
      // From the day after this meeting: the programme of what is still to come.
      const wp = await workProgramme(db, g.body_id, meeting.date);
      const item = (i: { title: string; lead: string | null; notes: string | null; kind: string }) => ({ title: i.title, lead: i.lead ?? undefined, notes: i.notes ?? undefined, kind: i.kind });
      const paper: WorkProgrammePaper = {
        kind: 'work-programme', title: 'Work Programme', bodyName: g.body_name, date: meeting.date,
        meetings: wp.meetings.filter((m) => m.date > meeting.date).map((m) => ({ date: m.date, items: m.items.map(item) })),
        unscheduled: wp.unscheduled.map(item),
      };
      push(g.agenda_item_id, paper);
    }
  }
  return out;
}

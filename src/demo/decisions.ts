// Records of Decision (primer §3.9, §4): Cabinet decisions at meetings and Cabinet Member decisions taken after a
// Cabinet Committee has commented, numbered council-wide YY/NNNNN by the store.
import type { WorkingCalendar } from '../domain/calendar.js';
import { callInWindowEnd } from '../domain/executive.js';
import { exemptLabel } from '../domain/visibility.js';
import { textToParagraphs } from '../services/documents.js';
import type { NewDecision } from '../services/seed.js';
import type { PlannedItem } from './agenda.js';
import { PORTFOLIOS } from './bodies.js';
import type { Block } from './pdf.js';
import type { PrintedPaper } from './documents.js';
import { longDate } from './reports.js';
import { DEMO_COUNCIL_NAME, lowerFirst, resolvedAs } from './wording.js';

export interface DecisionDraft extends Omit<NewDecision, 'meetingId' | 'agendaItemId' | 'takerBodyId' | 'takerPersonId'> {
  takerPersonKey: string | null;
}

export function decisionFromItem(it: PlannedItem, takerName: string, takenOn: string, cal: WorkingCalendar): DecisionDraft {
  const topic = it.topic;
  const urgent = it.kind === 'urgent-business';
  const exempt = it.kind === 'exempt';
  const rec = topic?.recommendation ?? 'AGREE the recommendation set out in the exempt report.';
  const publishedOn = cal.addWorkingDays(takenOn, 2);
  return {
    takerKind: 'body',
    takerName,
    takerPersonKey: null,
    takenOn,
    subject: it.title,
    key: exempt || urgent || !!topic?.keyDecision,
    urgent,
    classification: 'unrestricted',
    containsExemptInformation: exempt,
    // The public record says under which paragraph(s) the exempt information was left out: the item's.
    exemptParagraphs: exempt ? it.exemptParagraphs : [],
    text: `${takerName} resolved to ${resolvedAs(rec)}`,
    reasons: urgent
      ? 'The decision was taken as a matter of urgency under the special urgency procedure, with the agreement of the Chairman of the Scrutiny Committee, because delay would prolong the closure of the road. It is therefore exempt from call-in.'
      : exempt
        ? 'The recommended bidder offered the most economically advantageous tender. The details of the bids were declared exempt under paragraph 3 of Part 1 of Schedule 12A.'
        : [topic?.summary, 'The decision delivers the Council\'s priorities as set out in the report.'].filter(Boolean).join(' '),
    alternatives: 'The alternatives considered are set out in the report, including doing nothing, which was rejected.',
    interestsDeclared: 'None',
    backgroundDocuments: `Report to ${takerName}, ${longDate(takenOn)}`,
    status: 'published',
    publishedOn,
    callInEndsOn: callInWindowEnd({ publishedOn, urgent }, cal),
  };
}

/** What a Cabinet Member's decision on a Cabinet Committee's item is about: the proposed decision's subject. */
export const cabinetMemberSubject = (it: PlannedItem) => it.topic!.title.replace(/^Proposed decision: /, '');

/** A Cabinet Member's decision on a matter the Cabinet Committee commented on. */
export function cabinetMemberDecision(it: PlannedItem, committeeName: string, committeeDate: string, takenOn: string, cal: WorkingCalendar, cabinet: string[]): DecisionDraft {
  const topic = it.topic!;
  const portfolio = PORTFOLIOS[topic.portfolio].title;
  const subject = cabinetMemberSubject(it);
  const publishedOn = cal.addWorkingDays(takenOn, 1);
  return {
    takerKind: 'cabinet-member',
    takerName: portfolio,
    takerPersonKey: cabinet[topic.portfolio],
    takenOn,
    subject,
    key: !!topic.keyDecision,
    urgent: false,
    classification: 'unrestricted',
    containsExemptInformation: false,
    text: `As ${portfolio}, I agree to ${lowerFirst(subject)} as set out in the report, and delegate to the Corporate Director authority to implement the decision.`,
    reasons: `${topic.summary} The ${committeeName} considered the proposed decision on ${longDate(committeeDate)} and endorsed it.`,
    alternatives: 'Retaining the current arrangements was considered and rejected because it would not address the pressures described in the report.',
    interestsDeclared: 'None',
    backgroundDocuments: `Report to the ${committeeName}, ${longDate(committeeDate)}`,
    status: 'published',
    publishedOn,
    callInEndsOn: callInWindowEnd({ publishedOn, urgent: false }, cal),
  };
}

/** What the printed Record of Decision says: the public record (never an exempt part, which is not printed here). */
export type PrintedDecision = Pick<DecisionDraft, 'takerName' | 'takenOn' | 'subject' | 'key' | 'urgent' | 'containsExemptInformation' | 'exemptParagraphs' | 'text' | 'reasons'
  | 'alternatives' | 'interestsDeclared' | 'backgroundDocuments' | 'callInEndsOn'>;

/**
 * The printed Record of Decision filed with the item it was taken on: a public paper whatever the item, as the 2012
 * Regulations make the record of every executive decision public; a record of a matter that contained exempt
 * information says so, and under which paragraphs, and leaves that information out.
 */
export function printedRecord(number: string, d: PrintedDecision, takerPrinted: string | null, link: { meetingId: number | null; itemId: number | null }): Omit<PrintedPaper, 'authorPersonId'> {
  const { takerName, takenOn, subject, key, urgent, containsExemptInformation, exemptParagraphs, text, reasons, alternatives, interestsDeclared, backgroundDocuments, callInEndsOn } = d;
  const published = { takerName, takenOn, subject, key, urgent, containsExemptInformation, exemptParagraphs, text, reasons, alternatives, interestsDeclared, backgroundDocuments, callInEndsOn };
  return { meetingId: link.meetingId, itemId: link.itemId, kind: 'record-of-decision', title: `Record of Decision ${number}: ${subject}`, exempt: [],
    blocks: decisionBlocks(number, published, DEMO_COUNCIL_NAME, takerPrinted), structured: { number, ...published }, position: 50 };
}

/** What a recorded decision prints, read from its record (decisions taken through the clerk's services). */
export function printedDecisionOf(r: { taker_name: string; taken_on: string; subject: string; key_decision: number; urgent: number; contains_exempt_information: number; exempt_paragraphs: string;
  decision_text: string; reasons: string | null; alternatives: string | null; interests_declared: string | null; background_documents: string | null; call_in_ends_on: string | null }): PrintedDecision {
  return { takerName: r.taker_name, takenOn: r.taken_on, subject: r.subject, key: !!r.key_decision, urgent: !!r.urgent, containsExemptInformation: !!r.contains_exempt_information,
    exemptParagraphs: textToParagraphs(r.exempt_paragraphs), text: r.decision_text, reasons: r.reasons, alternatives: r.alternatives, interestsDeclared: r.interests_declared,
    backgroundDocuments: r.background_documents, callInEndsOn: r.call_in_ends_on };
}

/** The Record of Decision as printed. */
export function decisionBlocks(number: string, d: PrintedDecision, councilName: string, takerPrinted: string | null): Block[] {
  const blocks: Block[] = [
    { text: councilName.toUpperCase(), style: 'title' },
    { text: 'RECORD OF DECISION', style: 'title' },
    { text: `Decision No: ${number}`, style: 'bold' },
    { text: `Decision taken by: ${d.takerName}${takerPrinted ? ` (${takerPrinted})` : ''}` },
    { text: `Date: ${longDate(d.takenOn)}` },
    { text: `Subject: ${d.subject}`, style: 'bold' },
    { text: `Key decision: ${d.key ? 'Yes' : 'No'}${d.urgent ? ' - taken under the urgency procedure' : ''}` },
    { text: `Classification: ${d.containsExemptInformation ? `Unrestricted Record of Decision of a matter which contained some information which was declared exempt${d.exemptParagraphs?.length ? ` under ${exemptLabel(d.exemptParagraphs).replace(/^Exempt: /, '')} to the Local Government Act 1972; that information is left out of this record` : ''}` : 'Unrestricted'}` },
    { text: 'Decision:', style: 'heading' },
    { text: d.text },
    { text: 'Reason(s) for decision:', style: 'heading' },
    { text: d.reasons ?? '' },
    { text: 'Alternatives considered:', style: 'heading' },
    { text: d.alternatives ?? '' },
    { text: 'Any interest declared when the decision was taken:', style: 'heading' },
    { text: d.interestsDeclared ?? 'None' },
    { text: 'Background documents:', style: 'heading' },
    { text: d.backgroundDocuments ?? 'None' },
  ];
  if (d.callInEndsOn) blocks.push({ text: `This decision may be called in until the end of ${longDate(d.callInEndsOn)} and may not be implemented before then.`, style: 'small' });
  else if (d.urgent) blocks.push({ text: 'This decision was taken as a matter of urgency and is not subject to call-in.', style: 'small' });
  return blocks;
}

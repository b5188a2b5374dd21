// Renders the structured papers (report, minutes, Record of Decision) to standalone PDFs with pdfkit.
// The pack assembler copies their pages and stamps page numbers over the blank footer area.
import { writeDataReport } from './data-report.js';
import type { CallInCoverPaper, DataReportPaper, DecisionPaper, FollowUpSchedulePaper, MinutesPaper, ReportPaper, WorkProgrammePaper } from './model.js';
import { writeCallInCover, writeFollowUpSchedule, writeWorkProgramme } from './scrutiny.js';
import { captureObjects, endCaptured, type LaidOut } from './laid-out.js';
import { joinAnd, longDate, paragraphsPhrase, shortDate } from './text.js';
import {
  BODY_SIZE, BOLD, FONT, ITALIC, block, endStructure, group, bullets, contentWidth, councilHeading, ensureSpace, finish, footer, hanging, heading, labelled, left,
  newDocument, para, rule, t, tag, type Doc,
} from './typeset.js';

export interface PaperContext {
  councilName: string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
export function letter(i: number): string {
  return i < 26 ? LETTERS[i] : `${LETTERS[Math.floor(i / 26) - 1]}${LETTERS[i % 26]}`;
}

function masthead(doc: Doc, councilName: string, title?: string): void {
  councilHeading(doc, councilName);
  if (title) {
    doc.moveDown(0.4);
    tag(doc, 'H1', () => doc.fontSize(13).text(t(title.toUpperCase()), { width: contentWidth(doc), align: 'center' }));
  }
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(BODY_SIZE);
}

export type StructuredPaper = ReportPaper | MinutesPaper | DecisionPaper | DataReportPaper | CallInCoverPaper | FollowUpSchedulePaper | WorkProgrammePaper;

/**
 * Renders several papers into one PDF, each starting on a new page, and returns the index of
 * each paper's first page. One document for all of them saves pdfkit's per-document font setup.
 */
export async function renderPapers(papers: StructuredPaper[], ctx: PaperContext): Promise<{ bytes: Uint8Array; starts: number[] }> {
  const doc = newDocument();
  const starts = writePapers(doc, papers, ctx);
  return { bytes: await finish(doc), starts };
}

/** The same papers laid out for a pack: their objects as made, for the pack to take in without reading a PDF back. */
export async function layOutForPack(papers: StructuredPaper[], ctx: PaperContext): Promise<LaidOut> {
  const doc = newDocument();
  captureObjects(doc);
  const starts = writePapers(doc, papers, ctx);
  return endCaptured(endStructure(doc), starts);
}

function writePapers(doc: Doc, papers: StructuredPaper[], ctx: PaperContext): number[] {
  let pages = 1;
  doc.on('pageAdded', () => pages++);
  const starts: number[] = [];
  papers.forEach((paper, i) => {
    if (i > 0) doc.addPage();
    starts.push(pages - 1);
    // Each paper is a section of its own under the document: the pack places each where its pages go.
    group(doc, 'Sect', () => {
      if (paper.kind === 'report') writeReport(doc, paper);
      else if (paper.kind === 'minutes') writeMinutes(doc, paper, ctx);
      else writeOther(doc, paper, ctx);
    });
  });
  return starts;
}

export interface StandaloneMeta {
  title: string;
  subject?: string;
  author?: string;
  /** 'YYYY-MM-DD': the document's date, which keeps its bytes the same for the same content. */
  date: string;
}

/** Renders papers as a document of their own (printed minutes, a Record of Decision), numbered "Page N of M". */
export async function renderStandalone(papers: StructuredPaper[], ctx: PaperContext, meta: StandaloneMeta): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const doc = newDocument({ bufferPages: true, title: meta.title, subject: meta.subject, author: meta.author ?? ctx.councilName, date: meta.date });
  papers.forEach((paper, i) => {
    if (i > 0) doc.addPage();
    if (paper.kind === 'report') writeReport(doc, paper);
    else if (paper.kind === 'minutes') writeMinutes(doc, paper, ctx);
    else writeOther(doc, paper, ctx);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    footer(doc, `Page ${i + 1} of ${range.count}`);
  }
  return { bytes: await finish(doc), pageCount: range.count };
}

function writeOther(doc: Doc, paper: Exclude<StructuredPaper, ReportPaper | MinutesPaper>, ctx: PaperContext): void {
  if (paper.kind === 'data-report') writeDataReport(doc, paper.model, ctx.councilName);
  else if (paper.kind === 'call-in-cover') writeCallInCover(doc, paper, ctx.councilName);
  else if (paper.kind === 'follow-up-schedule') writeFollowUpSchedule(doc, paper, ctx.councilName);
  else if (paper.kind === 'work-programme') writeWorkProgramme(doc, paper, ctx.councilName);
  else writeDecision(doc, paper, ctx);
}

function writeReport(doc: Doc, r: ReportPaper): void {
  labelled(doc, 'By:', r.from.join('\n'));
  labelled(doc, 'To:', `${r.to.body} \u2013 ${shortDate(r.to.date)}`);
  if (r.date) labelled(doc, 'Date:', shortDate(r.date));
  // The subject is the report's title: its one top-level heading.
  labelled(doc, 'Subject:', r.subject, undefined, BOLD, 'H1');
  const classification = r.exemptParagraphs?.length
    ? `Exempt \u2013 NOT FOR PUBLICATION by virtue of ${paragraphsPhrase(r.exemptParagraphs)} of Part 1 of Schedule 12A of the Local Government Act 1972`
    : 'Unrestricted';
  labelled(doc, 'Classification:', classification);
  if (r.pastPathway) labelled(doc, 'Past Pathway of Paper:', r.pastPathway);
  if (r.futurePathway) labelled(doc, 'Future Pathway of Paper:', r.futurePathway);
  if (r.electoralDivisions) labelled(doc, 'Electoral Division:', r.electoralDivisions);
  rule(doc);

  labelled(doc, 'Summary:', r.summary);
  ensureSpace(doc, 60);
  tag(doc, 'H2', () => doc.font(BOLD).text('Recommendation(s):', left(doc), doc.y));
  doc.moveDown(0.3);
  recommendations(doc, r);
  rule(doc);

  let n = 0;
  for (const s of r.sections) {
    n = s.number ? Number.parseInt(s.number, 10) || n + 1 : n + 1;
    const num = s.number ?? String(n);
    heading(doc, `${num}. ${s.heading}`, 12);
    s.paragraphs.forEach((b, i) => block(doc, b, `${num}.${i + 1}`));
  }
  const implications: { heading: string; text: string }[] = [];
  if (r.implications?.financial) implications.push({ heading: 'Financial Implications', text: r.implications.financial });
  if (r.implications?.legal) implications.push({ heading: 'Legal Implications', text: r.implications.legal });
  if (r.implications?.equality) implications.push({ heading: 'Equality Implications', text: r.implications.equality });
  implications.push(...(r.implications?.other ?? []));
  for (const imp of implications) {
    n += 1;
    heading(doc, `${n}. ${imp.heading}`, 12);
    hanging(doc, `${n}.1`, imp.text);
  }
  n += 1;
  heading(doc, `${n}. Recommendation(s)`, 12);
  recommendations(doc, r);

  if (r.appendices?.length) {
    heading(doc, 'Appendices', 12);
    bullets(doc, r.appendices);
  }
  heading(doc, 'Background Documents', 12);
  if (r.backgroundDocuments?.length) bullets(doc, r.backgroundDocuments);
  else para(doc, 'None');

  heading(doc, 'Contact details', 12);
  for (const c of r.contacts) {
    ensureSpace(doc, 70);
    tag(doc, 'P', () => {
      doc.font(BOLD).text(t(c.name), left(doc), doc.y);
      doc.font(FONT);
      if (c.title) doc.text(t(c.title));
      if (c.phone) doc.text(t(`Telephone: ${c.phone}`));
      if (c.email) doc.text(t(`Email: ${c.email}`));
    });
    doc.moveDown(0.6);
  }
}

function recommendations(doc: Doc, r: ReportPaper): void {
  if (r.recommendations.intro) para(doc, r.recommendations.intro);
  if (r.recommendations.items.length === 1) para(doc, r.recommendations.items[0]);
  else r.recommendations.items.forEach((item, i) => hanging(doc, `(${letter(i)})`, item, { indent: 12, labelWidth: 26 }));
}

function writeMinutes(doc: Doc, m: MinutesPaper, ctx: PaperContext): void {
  masthead(doc, ctx.councilName, m.bodyName);
  // a meeting whose venue was not recorded (an imported archive's) is said to be held, not "held in the  on"
  para(doc, `MINUTES of a meeting of the ${m.bodyName} held${m.venue.trim() ? ` in the ${m.venue.trim()}` : ''} on ${longDate(m.date)}.`);
  const present = m.present.map((a) => a.name + (a.role ? ` (${a.role})` : '') + (a.substituteFor ? ` (Substitute for ${a.substituteFor})` : ''));
  labelledInline(doc, 'PRESENT:', joinAnd(present));
  if (m.alsoPresent?.length) labelledInline(doc, 'ALSO PRESENT:', joinAnd(m.alsoPresent));
  if (m.inAttendance?.length) {
    labelledInline(doc, 'IN ATTENDANCE:', joinAnd(m.inAttendance.map((o) => (o.jobTitle ? `${o.name} (${o.jobTitle})` : o.name))));
  }
  if (m.apologies?.length) labelledInline(doc, 'APOLOGIES:', joinAnd(m.apologies));
  if (m.status?.kind === 'draft') {
    para(doc, 'DRAFT: these minutes are subject to approval as a correct record at the next meeting.', { font: BOLD });
  } else if (m.status?.kind === 'approved') {
    const at = m.status.atMeeting ? ` at the meeting on ${longDate(m.status.atMeeting)}` : '';
    para(doc, `Approved as a correct record${at}${m.status.amendments ? `, subject to: ${m.status.amendments}` : ''}.`, { font: ITALIC });
  }
  let exemptHeading = false;
  heading(doc, 'UNRESTRICTED ITEMS', 11, { align: 'center', level: 'H2' });

  for (const e of m.minutes) {
    if (e.restricted && !exemptHeading) {
      exemptHeading = true;
      heading(doc, 'EXEMPT ITEMS', 11, { align: 'center', level: 'H2' });
      para(doc, '(Open access to minutes was prohibited by law: the press and public were excluded for these items.)', { font: ITALIC, size: 10 });
    }
    heading(doc, `${e.number}. ${e.title}`, 11.5, { gapBefore: 0.8, level: 'H3' });
    if (e.restricted) {
      const under = e.restricted.length ? `${paragraphsPhrase(e.restricted)} of Part 1` : 'Part 1';
      para(doc, `Exempt under ${under} of Schedule 12A to the Local Government Act 1972: the minute is not published.`, { font: ITALIC });
      continue;
    }
    const cite = [e.itemCode ? `Item ${e.itemCode}` : '', e.reportBy ?? ''].filter(Boolean).join(' \u2013 ');
    const notes = [cite ? `(${cite})` : '', ...(e.presentForItem ?? []).map((p) => `(${p} was present for this item)`)].filter(Boolean);
    if (notes.length) para(doc, notes.join(' '), { font: ITALIC });
    let k = 0;
    const numbered = e.paragraphs.length > 0;
    for (const d of e.declarations ?? []) hanging(doc, `(${++k})`, d);
    for (const p of e.paragraphs) hanging(doc, `(${++k})`, p);
    if (e.resolution) {
      const res = e.resolution;
      const text = [res.intro, res.text ?? ''].filter(Boolean).join(' ');
      if (numbered || k > 0) hanging(doc, `(${++k})`, text, { font: BOLD });
      else para(doc, text, { font: BOLD });
      (res.parts ?? []).forEach((part, i) => hanging(doc, `(${letter(i)})`, part, { indent: numbered || k > 0 ? 34 : 12, labelWidth: 26 }));
    }
    if (e.votes) {
      const v = e.votes;
      const counts = [v.for !== undefined ? `For: ${v.for}` : '', v.against !== undefined ? `Against: ${v.against}` : '', v.abstained !== undefined ? `Abstained: ${v.abstained}` : ''].filter(Boolean).join(', ');
      para(doc, [counts ? `(Votes \u2013 ${counts})` : '', v.note ?? ''].filter(Boolean).join(' '), { font: ITALIC, indent: 34 });
    }
    if (e.postMeetingNote) para(doc, `Post-meeting note: ${e.postMeetingNote}`, { font: ITALIC, indent: 34 });
  }
}

function labelledInline(doc: Doc, label: string, text: string): void {
  ensureSpace(doc, 40);
  tag(doc, 'P', () => {
    doc.font(BOLD).fontSize(BODY_SIZE).text(`${t(label)} `, left(doc), doc.y, { continued: true, width: contentWidth(doc), lineGap: 1.5 });
    doc.font(FONT).text(t(text), { lineGap: 1.5 });
  });
  doc.moveDown(0.6);
}

function writeDecision(doc: Doc, d: DecisionPaper, ctx: PaperContext): void {
  if (d.exemptPart) return writeDecisionExemptPart(doc, d, ctx);
  masthead(doc, ctx.councilName, 'Record of Decision');
  // One labelled row per field, as on the report template: a taker's job title that wraps stays
  // under its own label instead of running into the number beside it.
  labelled(doc, 'Decision No:', d.number, 120, BOLD);
  labelled(doc, 'Decision taken by:', d.decisionTaker, 120);
  labelled(doc, 'Date of decision:', longDate(d.date), 120);
  rule(doc);
  labelled(doc, 'Key decision:', d.keyDecision ? 'Yes' : 'No', 120);
  labelled(
    doc,
    'Classification:',
    d.classification === 'unrestricted'
      ? 'Unrestricted'
      : d.classification === 'exempt'
        ? `Exempt \u2013 NOT FOR PUBLICATION${d.exemptParagraphs?.length ? ` by virtue of ${paragraphsPhrase(d.exemptParagraphs)} of Part 1 of Schedule 12A of the Local Government Act 1972` : ''}`
        : `This is an unrestricted Record of Decision of a matter which contained some information which was declared exempt under Section 100A of the Local Government Act 1972${d.exemptInformationParagraphs?.length ? ` (${paragraphsPhrase(d.exemptInformationParagraphs)} of Part 1 of Schedule 12A); the exempt information is left out of this record` : ''}`,
    120,
  );
  labelled(doc, 'Subject:', d.subject, 120, BOLD);
  rule(doc);
  heading(doc, 'Decision:', 11.5);
  d.decision.forEach((p, i) => hanging(doc, `(${i + 1})`, p));
  (d.decisionParts ?? []).forEach((p, i) => hanging(doc, `(${letter(i)})`, p, { indent: 34, labelWidth: 26 }));
  heading(doc, 'Reason(s) for decision:', 11.5);
  for (const p of d.reasons) para(doc, p);
  heading(doc, 'Alternatives considered:', 11.5);
  if (d.alternativesConsidered.length) for (const p of d.alternativesConsidered) para(doc, p);
  else para(doc, 'None');
  heading(doc, 'Any interest declared when the decision was taken:', 11.5);
  if (d.interestsDeclared?.length) for (const p of d.interestsDeclared) para(doc, p);
  else para(doc, 'None');
  heading(doc, 'Background documents:', 11.5);
  if (d.backgroundDocuments?.length) bullets(doc, d.backgroundDocuments);
  else para(doc, 'None');
}

/** The exempt part of a Record of Decision: number, subject and the exempt text, marked not for publication. */
function writeDecisionExemptPart(doc: Doc, d: DecisionPaper, ctx: PaperContext): void {
  masthead(doc, ctx.councilName, 'Record of Decision: exempt part');
  labelled(doc, 'Decision No:', d.number, 120, BOLD);
  labelled(doc, 'Decision taken by:', d.decisionTaker, 120);
  labelled(doc, 'Date of decision:', longDate(d.date), 120);
  labelled(doc, 'Classification:', `Exempt \u2013 NOT FOR PUBLICATION by virtue of ${paragraphsPhrase(d.exemptParagraphs ?? [])} of Part 1 of Schedule 12A of the Local Government Act 1972`, 120);
  labelled(doc, 'Subject:', d.subject, 120, BOLD);
  rule(doc);
  heading(doc, 'Exempt information left out of the published record:', 11.5);
  for (const p of d.exemptPart ?? []) para(doc, p);
}

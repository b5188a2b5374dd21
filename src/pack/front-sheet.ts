// The front sheet (agenda) of a pack, in the layout councils print: masthead, meeting details and
// contacts, membership, notices, items by section with their page ranges, exempt items after the
// motion to exclude, then the signatory and date of publication.
import type { AgendaItem, AgendaSection, Audience, Membership, PackInput } from './model.js';
import {
  exclusionMotion, isExemptItem, joinAnd, longDate, meetingTime, pageRange, paragraphsPhrase, sectionHeading,
} from './text.js';
import {
  BODY_SIZE, BOLD, FONT, ITALIC, artifact, contentWidth, ensureSpace, finish, left, newDocument, para, rule, t, tag, type Doc,
} from './typeset.js';

export type ItemStatus =
  | { kind: 'pages'; start: number; end: number }
  | { kind: 'to-follow' }
  | { kind: 'withdrawn' }
  | { kind: 'report-withdrawn' }
  | { kind: 'none' };

export interface FrontSheetOptions {
  audience: Audience;
  supplementary: boolean;
  /** Only these items are listed (supplementary agenda); all when absent. */
  only?: ReadonlySet<string>;
  status: (item: AgendaItem) => ItemStatus;
  publicationDate: string;
}

/** The options as plain data, for another thread: `statuses[s][i]` is the status of `input.sections[s].items[i]`. */
export interface FrontSheetPlan extends Omit<FrontSheetOptions, 'status' | 'only'> {
  only?: string[];
  statuses: ItemStatus[][];
}

export function renderFrontSheetPlan(input: PackInput, plan: FrontSheetPlan): Promise<Uint8Array> {
  const statuses = new Map<AgendaItem, ItemStatus>();
  input.sections.forEach((s, i) => s.items.forEach((item, k) => statuses.set(item, plan.statuses[i][k])));
  return renderFrontSheet(input, {
    audience: plan.audience, supplementary: plan.supplementary, publicationDate: plan.publicationDate,
    only: plan.only && new Set(plan.only),
    status: (item) => statuses.get(item) ?? { kind: 'none' },
  });
}

export async function renderFrontSheet(input: PackInput, opts: FrontSheetOptions): Promise<Uint8Array> {
  const what = opts.supplementary ? 'Supplementary agenda' : 'Agenda';
  const title = `${input.bodyName} \u2013 ${what} \u2013 ${longDate(input.meetingDate)}${opts.audience === 'confidential' ? ' (NOT FOR PUBLICATION)' : ''}`;
  const doc = newDocument({ title, author: input.councilName, subject: `${what} for the ${input.bodyName}`, date: opts.publicationDate });
  const w = contentWidth(doc);
  const x0 = left(doc);

  if (opts.audience === 'confidential') {
    const y = doc.y;
    artifact(doc, () => doc.save().rect(x0, y - 4, w, 22).fillColor('#000000').fill().restore());
    tag(doc, 'P', () => doc.font(BOLD).fontSize(10).fillColor('#ffffff')
      .text("NOT FOR PUBLICATION \u2013 MEMBERS' PACK INCLUDING EXEMPT PAPERS", x0, y + 2, { width: w, align: 'center' }));
    doc.fillColor('#000000');
    doc.y = y + 28;
  }
  tag(doc, 'P', () => doc.font(BOLD).fontSize(12).text(t(input.councilName.toUpperCase()), x0, doc.y, { width: w, align: 'center', characterSpacing: 1 }));
  doc.moveDown(0.8);
  tag(doc, 'H1', () => doc.fontSize(24).text(opts.supplementary ? 'SUPPLEMENTARY AGENDA' : 'AGENDA', { width: w, align: 'center' }));
  doc.moveDown(0.3);
  tag(doc, 'P', () => doc.fontSize(16).text(t(input.bodyName.toUpperCase()), { width: w, align: 'center' }));
  doc.moveDown(0.8);
  rule(doc, 1.2);
  meetingBlock(doc, input);
  rule(doc, 1.2);

  const plainNotices = (input.notices ?? []).filter((n) => !n.heading);
  const headedNotices = (input.notices ?? []).filter((n) => n.heading);
  if (!opts.supplementary) {
    for (const n of plainNotices) para(doc, n.text);
    if (input.membership) membership(doc, input.membership);
    for (const n of headedNotices) {
      ensureSpace(doc, 60);
      doc.moveDown(0.3);
      tag(doc, 'H2', () => doc.font(BOLD).fontSize(BODY_SIZE).text(t(n.heading ?? ''), x0, doc.y, { width: w }));
      doc.moveDown(0.2);
      para(doc, n.text, { size: 10 });
    }
    rule(doc);
  } else {
    para(doc, 'Further to the agenda for the above meeting, please find attached the following papers, which were marked "to follow" on the agenda:');
  }

  agenda(doc, input, opts);

  // Signatory and date of publication.
  ensureSpace(doc, 90);
  doc.moveDown(1.2);
  tag(doc, 'P', () => {
    doc.font(BOLD).fontSize(BODY_SIZE).text(t(input.signatory.name), x0, doc.y, { width: w });
    doc.font(FONT).text(t(input.signatory.title));
    if (input.signatory.phone) doc.text(t(input.signatory.phone));
  });
  doc.moveDown(0.5);
  tag(doc, 'P', () => doc.text(t(longDate(opts.publicationDate))));
  if (input.footNote) {
    doc.moveDown(1.2);
    para(doc, input.footNote, { size: 9, font: ITALIC });
  }
  return finish(doc);
}

function meetingBlock(doc: Doc, input: PackInput): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const leftW = w * 0.46;
  const rightX = x0 + w * 0.49;
  const rightW = w * 0.51;
  const y = doc.y;
  tag(doc, 'P', () => doc.font(BOLD).fontSize(BODY_SIZE).text(t(`${longDate(input.meetingDate)}, at ${meetingTime(input.meetingTime)}`), x0, y, { width: leftW }));
  doc.moveDown(0.3);
  tag(doc, 'P', () => doc.font(FONT).text(t(input.venue), { width: leftW }));
  const leftEnd = doc.y;

  doc.y = y;
  const row = (label: string, value: string, font = BOLD, size = BODY_SIZE): void => {
    const ry = doc.y;
    tag(doc, 'P', () => {
      doc.font(FONT).fontSize(BODY_SIZE).text(label, rightX, ry, { width: 60 });
      doc.font(font).fontSize(size).text(t(value), rightX + 60, ry + (BODY_SIZE - size) / 2, { width: rightW - 60 });
    });
    doc.fontSize(BODY_SIZE).moveDown(0.3);
  };
  const contactRows = (contacts: PackInput['askFor']): void => {
    const names = contacts.map((c) => c.name).join(' / ');
    const phones = contacts.map((c) => c.phone).filter(Boolean).join(' / ');
    const emails = contacts.map((c) => c.email).filter(Boolean).join(' / ');
    if (names) row('Ask for:', names);
    if (phones) row('Telephone:', phones);
    if (emails) row('Email:', emails, FONT, 10); // addresses are long and must not wrap mid-word
  };
  // "Ask for: A / B" over "Telephone: 1 / 2" pairs names and numbers in order only when everyone has a
  // number; otherwise each contact gets their own rows, so no number is read as someone else's.
  const phoneless = input.askFor.filter((c) => !c.phone).length;
  if (phoneless === 0 || phoneless === input.askFor.length) contactRows(input.askFor);
  else for (const c of input.askFor) contactRows([c]);
  doc.y = Math.max(doc.y, leftEnd) + 6;
  doc.x = x0;
  doc.font(FONT);
}

function membership(doc: Doc, m: Membership): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const seats = m.groups.reduce((s, g) => s + g.seats, 0);
  ensureSpace(doc, 60);
  doc.moveDown(0.3);
  tag(doc, 'H2', () => doc.font(BOLD).fontSize(BODY_SIZE).text(`Membership (${seats})`, x0, doc.y, { width: w }));
  doc.moveDown(0.3);
  const line = (label: string, names: string[]): void => {
    ensureSpace(doc, 28);
    tag(doc, 'P', () => {
      doc.font(BOLD).fontSize(10).text(t(`${label}: `), x0, doc.y, { width: w, continued: true, lineGap: 1.5 });
      doc.font(FONT).text(t(names.length ? joinAnd(names) : 'Vacancy'), { lineGap: 1.5 });
    });
    doc.moveDown(0.35);
  };
  for (const g of m.groups) {
    const names = g.members.map((p) => (p.role && p.role !== 'member' ? `${p.name} (${p.role})` : p.name));
    for (let i = 0; i < (g.vacancies ?? 0); i++) names.push('Vacancy');
    for (const s of g.substitutes ?? []) names.push(`${s} (Substitute)`);
    line(`${g.name} (${g.seats})`, names);
  }
  for (const c of m.coOpted ?? []) {
    const names = [...c.members];
    for (let i = 0; i < (c.vacancies ?? 0); i++) names.push('Vacancy');
    line(`${c.category} (${c.seats})`, names);
    if (c.note) para(doc, `(${c.note})`, { size: 9, font: ITALIC, indent: 12 });
  }
  doc.font(FONT).fontSize(BODY_SIZE);
}

interface Listed {
  section: AgendaSection;
  items: AgendaItem[];
}

/** Unrestricted sections first, then exempt ones: the order of the printed agenda and of the papers. */
export function orderedSections(input: PackInput): AgendaSection[] {
  return [...input.sections.filter((s) => !s.exempt), ...input.sections.filter((s) => s.exempt)];
}

function agenda(doc: Doc, input: PackInput, opts: FrontSheetOptions): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const pick = (s: AgendaSection): Listed => ({ section: s, items: s.items.filter((i) => !opts.only || opts.only.has(i.code)) });
  const open = input.sections.filter((s) => !s.exempt).map(pick).filter((l) => !opts.supplementary || l.items.length);
  const closed = input.sections.filter((s) => s.exempt).map(pick).filter((l) => !opts.supplementary || l.items.length);

  if (open.length || !opts.supplementary) {
    banner(doc, 'UNRESTRICTED ITEMS', '(During these items the meeting is likely to be open to the public)');
    for (const l of open) listSection(doc, l, opts);
  }
  const exemptItems = closed.flatMap((l) => l.items).filter((i) => !i.withdrawn);
  if (exemptItems.length) {
    const paragraphs = exemptItems.flatMap((i) => i.exemptParagraphs ?? []);
    ensureSpace(doc, 90);
    doc.moveDown(0.8);
    tag(doc, 'H2', () => doc.font(BOLD).fontSize(11.5).text('MOTION TO EXCLUDE THE PRESS AND PUBLIC', x0, doc.y, { width: w, align: 'center' }));
    doc.moveDown(0.4);
    para(doc, exclusionMotion(paragraphs));
    banner(doc, 'EXEMPT ITEMS', '(During these items the meeting is likely NOT to be open to the public)');
    for (const l of closed) listSection(doc, l, opts);
  } else if (!opts.supplementary) {
    banner(
      doc,
      'EXEMPT ITEMS',
      '(At the time of preparing the agenda there were no exempt items. During any such items which may arise the meeting is likely NOT to be open to the public)',
    );
  }
}

function banner(doc: Doc, title: string, subtitle: string): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  ensureSpace(doc, 70);
  doc.moveDown(0.8);
  tag(doc, 'H2', () => doc.font(BOLD).fontSize(12.5).text(title, x0, doc.y, { width: w, align: 'center' }));
  doc.moveDown(0.2);
  tag(doc, 'P', () => doc.font(ITALIC).fontSize(10).text(subtitle, { width: w, align: 'center' }));
  doc.moveDown(0.6);
  doc.font(FONT).fontSize(BODY_SIZE);
}

function listSection(doc: Doc, l: Listed, opts: FrontSheetOptions): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const head = sectionHeading(l.section);
  // A section called "Unrestricted items" or "EXEMPT ITEMS (...)" repeats the banner above it.
  const repeatsBanner = !l.section.letter && /^(unrestricted|exempt) items\b/i.test(l.section.title ?? '');
  if (head && !repeatsBanner) {
    ensureSpace(doc, 50);
    doc.moveDown(0.4);
    tag(doc, 'H3', () => doc.font(BOLD).fontSize(11.5).text(t(head), x0, doc.y, { width: w }));
    doc.moveDown(0.4);
  }
  if (!l.items.length) {
    tag(doc, 'P', () => doc.font(ITALIC).fontSize(BODY_SIZE).text(t(l.section.emptyText ?? 'There are no items for consideration'), x0 + 40, doc.y, { width: w - 40 }));
    doc.moveDown(0.6);
    return;
  }
  for (const item of l.items) listItem(doc, item, l.section, opts);
}

function listItem(doc: Doc, item: AgendaItem, section: AgendaSection, opts: FrontSheetOptions): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const codeW = 40;
  const status = opts.status(item);
  const range =
    status.kind === 'pages' ? pageRange(status.start, status.end)
      : status.kind === 'to-follow' ? '(to follow)'
        : status.kind === 'withdrawn' ? '(withdrawn)'
          : status.kind === 'report-withdrawn' ? '(report withdrawn)'
            : '';
  // The status column fits its text on one line ("(report withdrawn)" is wider than a page range).
  const rangeW = Math.max(92, Math.ceil(doc.font(FONT).fontSize(BODY_SIZE).widthOfString(range)) + 2);
  // without a range the title may use the whole line, and so wraps less
  const titleW = w - codeW - (range ? rangeW + 8 : 0);
  doc.font(BOLD).fontSize(BODY_SIZE);
  const titleH = doc.heightOfString(t(item.title), { width: titleW, lineGap: 1 });
  ensureSpace(doc, titleH + (item.purpose && (!isExemptItem(item, section) || opts.audience === 'confidential') ? 28 : 4));
  const y = doc.y;
  // The range stands level with the title's last line, as at the end of a title run on: read line by
  // line, "Former Depot, Quarry" / "Road, Riverton (Pages 3 - 4)" shows where the title stops.
  const lineStep = doc.currentLineHeight(true) + 1;
  const titleLines = Math.max(1, Math.round(titleH / lineStep));
  // Read in order: code, title, then its page range.
  let afterTitle = y;
  tag(doc, 'P', () => {
    doc.text(t(item.code), x0, y, { width: codeW });
    doc.font(BOLD).text(t(item.title), x0 + codeW, y, { width: titleW, lineGap: 1 });
    afterTitle = doc.y;
    if (range) doc.font(FONT).text(range, x0 + w - rangeW, y + (titleLines - 1) * lineStep, { width: rangeW, align: 'right' });
  });
  doc.y = afterTitle;
  const sub = (text: string, font = FONT, size = 10): void => {
    tag(doc, 'P', () => doc.font(font).fontSize(size).text(t(text), x0 + codeW, doc.y + 1, { width: titleW, lineGap: 1 }));
  };
  if (item.withdrawn) sub('This item has been withdrawn.', ITALIC);
  // The public front sheet gives an exempt item its code, title (as worded for the public), paragraphs and page
  // range only: never its purpose, presenters, guests, urgency reason or public interest reasoning.
  const exempt = isExemptItem(item, section);
  const full = !exempt || opts.audience === 'confidential';
  if (full && item.purpose) sub(item.purpose);
  if (full && item.presenters?.length) sub(`Presented by ${joinAnd(item.presenters)}`, ITALIC);
  if (full && item.guests?.length) {
    const guests = item.guests.map((g) => (g.timeSlot ? `${g.name} (${meetingTime(g.timeSlot)})` : g.name));
    sub(`Guests: ${joinAnd(guests)}`, ITALIC);
  }
  if (full && item.urgentReason) sub(`Reason for urgency: ${item.urgentReason}`, ITALIC);
  for (const w of item.withdrawnPapers ?? []) {
    const named = full && (!w.exempt || opts.audience === 'confidential');
    sub(named ? `\u201c${w.title}\u201d was withdrawn on ${longDate(w.withdrawnOn)}: ${w.reason}` : `A paper was withdrawn on ${longDate(w.withdrawnOn)}.`, ITALIC);
  }
  for (const w of item.reinstatedPapers ?? []) {
    const named = full && (!w.exempt || opts.audience === 'confidential');
    sub(named ? `\u201c${w.title}\u201d was withdrawn on ${longDate(w.withdrawnOn)} and reinstated on ${longDate(w.reinstatedOn)}: ${w.reinstatedReason}`
      : `A paper was withdrawn on ${longDate(w.withdrawnOn)} and reinstated on ${longDate(w.reinstatedOn)}.`, ITALIC);
  }
  if (exempt && item.exemptParagraphs?.length) {
    sub(`Exempt under ${paragraphsPhrase(item.exemptParagraphs)} of Part 1 of Schedule 12A`, ITALIC, 9);
    if (full && item.publicInterestReason) sub(`Public interest test: ${item.publicInterestReason}`, ITALIC, 9);
  }
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.x = x0;
  doc.moveDown(0.7);
}

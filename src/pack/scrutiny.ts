// Scrutiny papers generated from the record into a scrutiny committee's pack, in the county's layout: the call-in
// cover sheet (background, guests with time slots, options (a)-(d)), the follow-up ("rolling") schedule of
// recommendations and the Cabinet Member's responses, and the committee's work programme. Tagged like every
// generated paper (headings, paragraphs, lists and tables in the structure tree; rules and shading as artifacts).
import type { CallInCoverPaper, FollowUpSchedulePaper, WorkProgrammePaper } from './model.js';
import { longDate, shortDate } from './text.js';
import {
  BODY_SIZE, BOLD, FONT, ITALIC, artifact, bullets, contentWidth, councilHeading, ensureSpace, group, hanging, heading, heightOf, labelled, left, para, rule, t, tag, type Doc,
} from './typeset.js';

function masthead(doc: Doc, councilName: string, title: string, subtitle?: string): void {
  councilHeading(doc, councilName);
  doc.moveDown(0.3);
  tag(doc, 'H1', () => doc.font(BOLD).fontSize(14).text(t(title), left(doc), doc.y, { width: contentWidth(doc), align: 'center' }));
  if (subtitle) {
    doc.moveDown(0.2);
    tag(doc, 'P', () => doc.font(FONT).fontSize(BODY_SIZE).text(t(subtitle), left(doc), doc.y, { width: contentWidth(doc), align: 'center' }));
  }
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(BODY_SIZE);
}

export function writeCallInCover(doc: Doc, p: CallInCoverPaper, councilName: string): void {
  councilHeading(doc, councilName);
  doc.moveDown(0.8);
  doc.font(FONT).fontSize(BODY_SIZE);
  labelled(doc, 'By:', p.from.join('\n'));
  labelled(doc, 'To:', `${p.to.body} \u2013 ${shortDate(p.to.date)}`);
  labelled(doc, 'Subject:', `Call-in of decision ${p.decision.number}: ${p.decision.subject}`, undefined, BOLD, 'H1');
  labelled(doc, 'Classification:', 'Unrestricted');
  rule(doc);

  heading(doc, 'Background', 12);
  const d = p.decision;
  const taken = `${d.taker} took decision ${d.number}, "${d.subject}", on ${longDate(d.takenOn)}${d.publishedOn ? `; the record of the decision was published on ${longDate(d.publishedOn)}` : ''}.${d.keyDecision ? ' It is a key decision.' : ''}`;
  hanging(doc, '1.', taken);
  let n = 1;
  if (d.portfolio) hanging(doc, `${++n}.`, `Cabinet portfolio: ${d.portfolio}.`);
  if (d.text.length) {
    hanging(doc, `${++n}.`, 'The decision was:');
    for (const line of d.text) para(doc, line, { indent: 34, font: ITALIC });
  }
  const names = p.calledInBy.length > 1 ? `${p.calledInBy.slice(0, -1).join(', ')} and ${p.calledInBy[p.calledInBy.length - 1]}` : p.calledInBy[0] ?? 'Members';
  hanging(doc, `${++n}.`, `${names} called the decision in on ${longDate(p.calledInOn)} for the following reasons:`);
  for (const r of p.reasons) para(doc, r, { indent: 34 });
  for (const b of p.background ?? []) hanging(doc, `${++n}.`, b);

  heading(doc, 'Guests', 12);
  if (p.guests.length) {
    hanging(doc, `${++n}.`, 'The following have been invited to attend the meeting to answer Members\u2019 questions:');
    group(doc, 'L', () => {
      for (const g of p.guests) hanging(doc, '\u2022', [g.name, g.role].filter(Boolean).join(', ') + (g.timeSlot ? ` (${g.timeSlot})` : ''), { indent: 34, labelWidth: 16, listItem: true });
    });
  } else {
    hanging(doc, `${++n}.`, 'No guests have been invited.');
  }

  heading(doc, 'Options for the Committee', 12);
  hanging(doc, `${++n}.`, 'After considering the decision and hearing from the guests, the Committee may:');
  group(doc, 'L', () => {
    p.options.forEach((o, i) => hanging(doc, `(${o.letter})`, `${o.text}${i === p.options.length - 2 ? '; or' : i < p.options.length - 1 ? ';' : '.'}`, { indent: 34, labelWidth: 26, listItem: true }));
  });
  ensureSpace(doc, 80);
  heading(doc, 'Recommendation', 12);
  const letters = p.options.map((o) => `(${o.letter})`);
  para(doc, `The Committee is asked to consider decision ${d.number} and to choose one of the options ${letters[0]} to ${letters[letters.length - 1]} above.`, { font: BOLD });
}

interface Column {
  header: string;
  weight: number;
}

/** A ruled table whose header row repeats on each new page; cells are TH/TD in the structure tree. */
function grid(doc: Doc, columns: Column[], rows: string[][], size = 9): void {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => (contentWidth(doc) * c.weight) / total);
  const pad = 3;
  const x0 = left(doc);
  const height = (cells: string[], bold: boolean) => {
    doc.font(bold ? BOLD : FONT).fontSize(size);
    return Math.max(...widths.map((w, i) => heightOf(doc, t(cells[i] ?? ''), w - 2 * pad))) + 2 * pad;
  };
  const draw = (cells: string[], header: boolean) => {
    const h = height(cells, header);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!header) draw(columns.map((c) => c.header), true);
    }
    const y = doc.y;
    artifact(doc, () => {
      let x = x0;
      for (const w of widths) {
        if (header) doc.save().rect(x, y, w, h).fillColor('#e6e6e6').fill().restore();
        doc.save().lineWidth(0.5).strokeColor('#505a5f').rect(x, y, w, h).stroke().restore();
        x += w;
      }
    });
    group(doc, 'TR', () => {
      let x = x0;
      widths.forEach((w, i) => {
        tag(doc, header || i === 0 ? 'TH' : 'TD', () => {
          doc.font(header ? BOLD : FONT).fontSize(size).fillColor('#0b0c0c').text(t(cells[i] ?? ''), x + pad, y + pad, { width: w - 2 * pad });
        });
        x += w;
      });
    });
    doc.x = x0;
    doc.y = y + h;
  };
  group(doc, 'Table', () => {
    draw(columns.map((c) => c.header), true);
    for (const r of rows) draw(r, false);
  });
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.x = x0;
  doc.moveDown(0.8);
}

export function writeFollowUpSchedule(doc: Doc, p: FollowUpSchedulePaper, councilName: string): void {
  masthead(doc, councilName, p.title, `${p.bodyName} \u2013 ${longDate(p.date)}`);
  para(doc, 'This schedule sets out the recommendations the Committee has made, the Cabinet Member\u2019s responses to them and when they were actioned. An entry leaves the schedule after the meeting at which the Committee has found every response satisfactory.', { size: 10 });
  if (!p.entries.length) {
    para(doc, 'There are no outstanding recommendations.', { font: ITALIC });
    return;
  }
  for (const e of p.entries) {
    ensureSpace(doc, 120);
    heading(doc, `${e.title}${e.consideredOn ? ` (${shortDate(e.consideredOn)})` : ''}`, 12.5, { gapBefore: 1 });
    if (e.portfolio) labelled(doc, 'Cabinet portfolio:', e.portfolio, 130);
    if (e.synopsis) labelled(doc, 'Synopsis:', e.synopsis, 130);
    if (e.reason) labelled(doc, 'Reason for call-in:', e.reason, 130);
    if (e.consideredOn) labelled(doc, 'Date considered:', longDate(e.consideredOn), 130);
    tag(doc, 'H3', () => doc.font(BOLD).fontSize(BODY_SIZE).text('Recommendations and responses', left(doc), doc.y, { width: contentWidth(doc) }));
    doc.moveDown(0.3);
    const rows: string[][] = [];
    for (const r of e.recommendations) {
      const responses = r.responses.length ? r.responses : [null];
      responses.forEach((x, i) => {
        const verdict = i === responses.length - 1 && r.verdict ? `\n\nCommittee: ${r.verdict === 'satisfactory' ? 'response satisfactory' : 'more information requested'}` : '';
        rows.push([
          i === 0 ? r.label : '',
          i === 0 ? r.text : '(continued)',
          x ? `${r.responses.length > 1 ? `Round ${x.round}: ` : ''}${x.text}${x.responder ? `\n\u2013 ${x.responder}` : ''}${x.notes ? `\nNote: ${x.notes}` : ''}${verdict}` : `Awaiting response${verdict}`,
          x ? shortDate(x.respondedOn) : '',
          x ? x.dateActioned : '',
        ]);
      });
    }
    grid(doc, [
      { header: 'No.', weight: 0.55 }, { header: 'Recommendation', weight: 3 }, { header: 'Cabinet Member\u2019s response', weight: 3.4 },
      { header: 'Date of response', weight: 1.2 }, { header: 'Date actioned', weight: 1.2 },
    ], rows);
  }
}

export function writeWorkProgramme(doc: Doc, p: WorkProgrammePaper, councilName: string): void {
  masthead(doc, councilName, p.title, `${p.bodyName} \u2013 as at ${longDate(p.date)}`);
  const rows = (items: WorkProgrammePaper['unscheduled']) => items.map((i) => [i.title, i.lead ?? '', [i.kind && i.kind !== 'item' ? kindLabel(i.kind) : '', i.notes ?? ''].filter(Boolean).join('. ')]);
  const columns = [{ header: 'Item', weight: 3.2 }, { header: 'Lead', weight: 1.8 }, { header: 'Notes', weight: 2.6 }];
  if (!p.meetings.length) para(doc, 'No future meetings are scheduled.', { font: ITALIC });
  for (const m of p.meetings) {
    heading(doc, longDate(m.date), 12, { level: 'H2' });
    if (m.items.length) grid(doc, columns, rows(m.items), 9.5);
    else para(doc, 'No items are planned for this meeting yet.', { font: ITALIC });
  }
  heading(doc, 'Other items (not yet scheduled)', 12, { level: 'H2' });
  if (p.unscheduled.length) grid(doc, columns, rows(p.unscheduled), 9.5);
  else para(doc, 'None.', { font: ITALIC });
  bullets(doc, ['Members may suggest items for the work programme to the Chairman or to Democratic Services.']);
}

function kindLabel(kind: string): string {
  return kind === 'call-in' ? 'Call-in' : kind === 'follow-up' ? 'Follow-up' : kind === 'review' ? 'Select committee review' : kind;
}

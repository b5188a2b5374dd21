// Renders a dashboard or budget report from data (src/domain/data-report.ts) into a pack paper: the summary
// sentences, ruled tables (RAG printed as a word on its colour, direction of travel as an arrow and a word), and
// charts drawn as vectors with the chart in words beneath each.
import type { BarChart, DataReportModel, LineChart, ReportCell, ReportTable } from '../domain/data-report.js';
import { numberFormat } from '../domain/indicators.js';
import { BODY_SIZE, BOLD, FONT, artifact, contentWidth, councilHeading, ensureSpace, figure, group, heading, heightOf, left, para, t, tag, type Doc } from './typeset.js';

const RAG_FILL: Record<string, string> = { GREEN: '#cce2d8', AMBER: '#ffdd00', RED: '#f4cdc6' };

export function writeDataReport(doc: Doc, m: DataReportModel, councilName: string): void {
  councilHeading(doc, councilName);
  doc.moveDown(0.4);
  heading(doc, m.title, 14, { align: 'center', gapBefore: 0, level: 'H1' });
  if (m.subtitle) para(doc, m.subtitle, { align: 'center' });
  doc.moveDown(0.4);
  for (const s of m.sentences) para(doc, s);
  for (const tb of m.tables) drawTable(doc, tb);
  if (m.charts.length) {
    heading(doc, 'Charts', 12);
    drawCharts(doc, m);
  }
}

function widthsFor(doc: Doc, tb: ReportTable): number[] {
  const n = tb.headers.length;
  const weights = tb.headers.map((h, i) => (i === 1 ? 3 : i === 0 ? (tb.rows[0]?.[0]?.text.length ?? 0) > 8 ? 1.8 : 0.8 : 1));
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (contentWidth(doc) * w) / total).slice(0, n);
}

/** A ruled table whose header row repeats on each new page: Table, TR, TH/TD in the structure tree; rules and fills as artifacts. */
function drawTable(doc: Doc, tb: ReportTable): void {
  const widths = widthsFor(doc, tb);
  const size = tb.headers.length > 8 ? 6.5 : tb.headers.length > 6 ? 7.5 : 8.5;
  const pad = 2.5;
  const x0 = left(doc);
  ensureSpace(doc, 60);
  doc.moveDown(0.4);
  const textOf = (c: ReportCell) => t(c.text);
  const rowHeight = (cells: ReportCell[], bold: boolean) => {
    doc.font(bold ? BOLD : FONT).fontSize(size);
    return Math.max(...widths.map((w, i) => heightOf(doc, cells[i] ? textOf(cells[i]) : '', w - 2 * pad - (cells[i]?.arrow ? 8 : 0)))) + 2 * pad;
  };
  const drawRow = (cells: ReportCell[], header: boolean, total: boolean) => {
    const h = rowHeight(cells, header || total);
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!header) drawRow(tb.headers.map((x) => ({ text: x })), true, false);
    }
    const y = doc.y;
    artifact(doc, () => {
      let x = x0;
      widths.forEach((w, i) => {
        const c = cells[i] ?? { text: '' };
        if (header) doc.save().rect(x, y, w, h).fillColor('#e6e6e6').fill().restore();
        if (c.rag) doc.save().rect(x + 1, y + 1, w - 2, h - 2).fillColor(RAG_FILL[c.rag]).fill().restore();
        doc.save().lineWidth(total ? 1 : 0.4).strokeColor('#505a5f').rect(x, y, w, h).stroke().restore();
        // The arrow says what the word beside it says.
        if (c.arrow) arrow(doc, x + pad + 3, y + pad + size * 0.45, c.arrow);
        x += w;
      });
    });
    group(doc, 'TR', () => {
      let x = x0;
      widths.forEach((w, i) => {
        const c = cells[i] ?? { text: '' };
        const tx = x + pad + (c.arrow ? 8 : 0);
        tag(doc, header ? 'TH' : 'TD', () => {
          doc.font(header || total || c.strong || c.rag ? BOLD : FONT).fontSize(size).fillColor('#0b0c0c')
            .text(textOf(c), tx, y + pad, { width: w - 2 * pad - (c.arrow ? 8 : 0), align: c.numeric ? 'right' : 'left' });
        });
        x += w;
      });
    });
    doc.x = x0;
    doc.y = y + h;
  };
  group(doc, 'Table', () => {
    tag(doc, 'Caption', () => doc.font(BOLD).fontSize(9.5).fillColor('#000000').text(t(tb.caption), x0, doc.y, { width: contentWidth(doc) }));
    doc.moveDown(0.2);
    drawRow(tb.headers.map((x) => ({ text: x })), true, false);
    tb.rows.forEach((r, i) => drawRow(r, false, !!tb.totalRow && i === tb.rows.length - 1));
  });
  doc.font(FONT).fontSize(8.5).fillColor('#0b0c0c');
  doc.moveDown(0.3);
  for (const n of tb.notes ?? []) {
    ensureSpace(doc, 20);
    tag(doc, 'P', () => doc.text(t(n), x0, doc.y, { width: contentWidth(doc) }));
    doc.moveDown(0.15);
  }
  doc.font(FONT).fontSize(BODY_SIZE);
  doc.moveDown(0.6);
}

/** A small arrow drawn as lines (the standard fonts have no arrow glyphs); the word beside it says the same. */
function arrow(doc: Doc, cx: number, cy: number, symbol: string): void {
  doc.save().lineWidth(1).strokeColor('#0b0c0c');
  if (symbol === '↑') doc.moveTo(cx, cy + 3.5).lineTo(cx, cy - 3.5).moveTo(cx - 2.5, cy - 1).lineTo(cx, cy - 3.5).lineTo(cx + 2.5, cy - 1);
  else if (symbol === '↓') doc.moveTo(cx, cy - 3.5).lineTo(cx, cy + 3.5).moveTo(cx - 2.5, cy + 1).lineTo(cx, cy + 3.5).lineTo(cx + 2.5, cy + 1);
  else doc.moveTo(cx - 3.5, cy).lineTo(cx + 3.5, cy).moveTo(cx - 1.5, cy - 2).lineTo(cx - 3.5, cy).lineTo(cx - 1.5, cy + 2).moveTo(cx + 1.5, cy - 2).lineTo(cx + 3.5, cy).lineTo(cx + 1.5, cy + 2);
  doc.stroke().restore();
}

function drawCharts(doc: Doc, m: DataReportModel): void {
  const gap = 16;
  const w = (contentWidth(doc) - gap) / 2;
  const chartH = 90;
  let col = 0;
  let rowTop = doc.y;
  let rowBottom = doc.y;
  for (const c of m.charts) {
    const wide = c.kind === 'bars';
    doc.font(FONT).fontSize(6.5);
    const width = wide ? contentWidth(doc) : w;
    const height = wide ? 14 * c.bars.length + 10 : chartH;
    const captionH = doc.heightOfString(t(c.description), { width }) + doc.heightOfString(t(c.title), { width }) + 6;
    if (wide || col === 0) {
      if (doc.y + height + captionH > doc.page.height - doc.page.margins.bottom) doc.addPage();
      rowTop = doc.y;
      rowBottom = doc.y;
    }
    const x = left(doc) + (wide ? 0 : col * (w + gap));
    tag(doc, 'P', () => doc.font(BOLD).fontSize(7.5).fillColor('#0b0c0c').text(t(c.title), x, rowTop, { width }));
    const top = doc.y + 2;
    // The chart is a figure whose alternative text is the chart in words, printed beneath it too.
    figure(doc, c.description, () => {
      if (c.kind === 'line') lineChart(doc, c, x, top, width, height);
      else barChart(doc, c, x, top, width);
    });
    tag(doc, 'P', () => doc.font(FONT).fontSize(6.5).fillColor('#0b0c0c').text(t(c.description), x, top + height + 4, { width }));
    rowBottom = Math.max(rowBottom, doc.y);
    if (wide || col === 1) {
      doc.x = left(doc);
      doc.y = rowBottom + 10;
      col = 0;
    } else col = 1;
  }
  if (col === 1) doc.y = rowBottom + 10;
  doc.x = left(doc);
  doc.font(FONT).fontSize(BODY_SIZE);
}

function lineChart(doc: Doc, c: LineChart, x: number, y: number, w: number, h: number): void {
  const L = 30;
  const values = [...c.points.map((p) => p.value), ...(c.target !== null ? [c.target] : []), ...(c.floor !== null ? [c.floor] : [])];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) { lo -= 1; hi += 1; }
  const pad = (hi - lo) * 0.15;
  lo -= pad; hi += pad;
  const px = (i: number) => x + L + (c.points.length === 1 ? (w - L) / 2 : (i * (w - L - 6)) / (c.points.length - 1));
  const py = (v: number) => y + h - 12 - ((v - lo) * (h - 16)) / (hi - lo);
  doc.save().lineWidth(0.5).strokeColor('#b1b4b6').rect(x + L, y, w - L, h - 12).stroke().restore();
  doc.font(FONT).fontSize(6).fillColor('#0b0c0c');
  for (const v of [hi - pad, lo + pad]) doc.text(t(fmt(v)), x, py(v) - 3, { width: L - 3, align: 'right' });
  const refLine = (v: number | null, colour: string, label: string, dash: number) => {
    if (v === null) return;
    doc.save().lineWidth(1).strokeColor(colour).dash(dash, { space: 2 }).moveTo(x + L, py(v)).lineTo(x + w, py(v)).stroke().undash().restore();
    doc.font(FONT).fontSize(5.5).fillColor('#0b0c0c').text(t(`${label} ${fmt(v)}`), x + w - 60, py(v) - 7, { width: 58, align: 'right' });
  };
  refLine(c.target, '#00703c', 'Target', 4);
  refLine(c.floor, '#d4351c', 'Floor', 1.5);
  doc.save().lineWidth(1.5).strokeColor('#1d70b8');
  c.points.forEach((p, i) => (i === 0 ? doc.moveTo(px(i), py(p.value)) : doc.lineTo(px(i), py(p.value))));
  doc.stroke();
  for (const [i, p] of c.points.entries()) doc.circle(px(i), py(p.value), 1.8).fillColor('#1d70b8').fill();
  doc.restore();
  doc.font(FONT).fontSize(5.5).fillColor('#0b0c0c');
  c.points.forEach((p, i) => doc.text(t(p.label), px(i) - 22, y + h - 9, { width: 44, align: 'center' }));
}

function barChart(doc: Doc, c: BarChart, x: number, y: number, w: number): void {
  const L = 190;
  const R = 40;
  const maxAbs = Math.max(1, ...c.bars.map((b) => Math.abs(b.value)));
  const neg = c.bars.some((b) => b.value < 0);
  const pos = c.bars.some((b) => b.value > 0);
  const zero = neg && pos ? x + L + (w - L - R) / 2 : neg ? x + w - R : x + L;
  const scale = (neg && pos ? (w - L - R) / 2 : w - L - R) / maxAbs;
  c.bars.forEach((b, i) => {
    const top = y + i * 14 + 2;
    doc.font(FONT).fontSize(6.5).fillColor('#0b0c0c').text(t(b.label), x, top + 2, { width: L - 6, align: 'right', lineBreak: false, ellipsis: true });
    const bw = Math.abs(b.value) * scale;
    const bx = b.value >= 0 ? zero : zero - bw;
    doc.save().rect(bx, top, Math.max(bw, 0.5), 10).fillColor(b.value > 0 ? '#d4351c' : '#1d70b8').fill().restore();
    doc.font(FONT).fontSize(6.5).fillColor('#0b0c0c').text(t(fmt(b.value)), b.value >= 0 ? bx + bw + 3 : bx - 43, top + 2, { width: 40, align: b.value >= 0 ? 'left' : 'right', lineBreak: false });
  });
  doc.save().lineWidth(0.75).strokeColor('#0b0c0c').moveTo(zero, y).lineTo(zero, y + c.bars.length * 14 + 4).stroke().restore();
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? numberFormat(0).format(Math.round(n)) : numberFormat(1).format(n);
}

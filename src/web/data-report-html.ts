// The HTML of a dashboard or budget report from data (tables with RAG as a word and a colour, arrows with words,
// then the charts with their text), built in TypeScript: the same markup the Nunjucks macro in
// views/partials/data-report.njk used to build, byte for byte, at a fraction of the cost (a dashboard has hundreds
// of cells, and the macro interpreter was the largest single cost of the page). The macro now calls this.
import type { DataReportModel, ReportCell } from '../domain/data-report.js';
import { chartSvg } from './charts.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' };

/** Escapes as Nunjucks's autoescape does (so the output matches what the templates print). */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&"'<>\\]/g, (ch) => ESCAPES[ch]);
}

function cellHtml(c: ReportCell, first: boolean): string {
  const open = first ? '<th scope="row" class="govuk-table__header">' : `<td class="govuk-table__cell${c.numeric ? ' govuk-table__cell--numeric' : ''}">`;
  let inner: string;
  if (c.rag) inner = `<strong class="govuk-tag moot-rag moot-rag--${escapeHtml(String(c.rag).toLowerCase())}">${escapeHtml(c.text)}</strong>`;
  else if (c.arrow) inner = `<span aria-hidden="true" class="moot-arrow">${escapeHtml(c.arrow)}</span> ${escapeHtml(c.text)}`;
  else if (c.strong) inner = `<strong>${escapeHtml(c.text)}</strong>`;
  else inner = escapeHtml(c.text);
  return `${open}${inner}${first ? '</th>' : '</td>'}`;
}

export function dataReportHtml(model: DataReportModel, headingLevel: number | string = 3, href: string | null = null): string {
  const out: string[] = [];
  const h = escapeHtml(headingLevel);
  out.push(`<div class="moot-data-report">\n<h${h} class="govuk-heading-m">${escapeHtml(model.title)}${model.draft ? ' <strong class="govuk-tag govuk-tag--yellow">Draft: not published</strong>' : ''}</h${h}>\n`);
  for (const s of model.sentences) out.push(`<p class="govuk-body">${escapeHtml(s)}</p>`);
  for (const t of model.tables) {
    const caption = escapeHtml(t.caption);
    out.push(`<div class="moot-table-scroll" tabindex="0" role="region" aria-label="${caption}">\n<table class="govuk-table moot-data-table">\n<caption class="govuk-table__caption govuk-table__caption--s">${caption}</caption>\n`);
    out.push('<thead class="govuk-table__head"><tr class="govuk-table__row">');
    for (const head of t.headers) out.push(`<th scope="col" class="govuk-table__header">${escapeHtml(head)}</th>`);
    out.push('</tr></thead>\n<tbody class="govuk-table__body">\n');
    t.rows.forEach((row, i) => {
      out.push(`<tr class="govuk-table__row${t.totalRow && i === t.rows.length - 1 ? ' moot-total-row' : ''}">\n`);
      row.forEach((c, j) => out.push(cellHtml(c, j === 0)));
      out.push('</tr>');
    });
    out.push('</tbody></table></div>\n');
    if (t.notes && t.notes.length) out.push(`<ul class="govuk-list moot-data-notes">${t.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  }
  if (model.charts.length) {
    out.push('<div class="moot-charts">\n');
    for (const c of model.charts) {
      out.push(`<figure class="moot-chart-figure">\n${chartSvg(c)}\n<figcaption class="govuk-body-s"><strong>${escapeHtml(c.title)}.</strong> ${escapeHtml(c.description)}</figcaption>\n</figure>\n`);
    }
    out.push('</div>\n');
  }
  if (href) out.push(`<p class="govuk-body"><a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(model.title)}: figures, downloads and history</a></p>`);
  out.push('</div>');
  return out.join('');
}

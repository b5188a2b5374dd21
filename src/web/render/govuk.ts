// The GOV.UK Frontend components the compiled pages use, as plain functions writing exactly what their Nunjucks
// templates write (govuk-frontend/dist/govuk/components/*/template.njk, as Nunjucks lexes them with trimBlocks and
// lstripBlocks), for the parameters those pages pass. Text is escaped; `html` values are put in as they are.
import { esc, indent, trim } from './html.js';

type Content = string | number | null | undefined;
export interface TextOrHtml { text?: Content; html?: string; classes?: string }

const htmlOf = (h: string | undefined): string => h ?? '';

/** govukAttributes for a plain object of scalar values (the only kind these pages pass). */
export function attributes(attrs: Record<string, string | number | boolean | null | undefined> | undefined): string {
  if (!attrs) return '';
  let out = '';
  for (const name in attrs) out += ` ${esc(name)}="${esc(attrs[name])}"`;
  return out;
}

/** `{{ x.html | safe if x.html else x.text }}` */
function content(x: TextOrHtml): string {
  return x.html ? htmlOf(x.html) : esc(x.text);
}

/** `{{ x.html | safe | trim | indent(n) if x.html else x.text }}` */
function contentIndented(x: TextOrHtml, n: number): string {
  return x.html ? indent(trim(htmlOf(x.html)), n) : esc(x.text);
}

const cls = (base: string, extra: string | undefined | null): string => (extra ? `${base} ${esc(extra)}` : base);

export function govukTag(p: { text?: Content; html?: string; classes?: string }): string {
  return `<strong class="${cls('govuk-tag', p.classes)}">\n  ${contentIndented(p, 2)}\n</strong>\n`;
}

export interface SummaryRow { key: TextOrHtml; value: TextOrHtml; classes?: string }

/** govukSummaryList({ rows }) without actions or a card. */
export function govukSummaryList(p: { rows: (SummaryRow | null | undefined)[]; classes?: string }): string {
  let list = `<dl class="${cls('govuk-summary-list', p.classes)}">\n`;
  for (const row of p.rows) {
    if (!row) continue;
    list += `  <div class="govuk-summary-list__row${row.classes ? ` ${esc(row.classes)}` : ''}">\n`
      + `    <dt class="${cls('govuk-summary-list__key', row.key.classes)}">\n      ${contentIndented(row.key, 6)}\n    </dt>\n`
      + `    <dd class="${cls('govuk-summary-list__value', row.value.classes)}">\n      ${contentIndented(row.value, 6)}\n    </dd>\n`
      + '  </div>\n';
  }
  list += '</dl>\n';
  return trim(list);
}

export function govukDetails(p: { summaryText?: Content; html?: string; text?: Content }): string {
  return '<details class="govuk-details">\n  <summary class="govuk-details__summary">\n    <span class="govuk-details__summary-text">\n      '
    + `${esc(p.summaryText)}\n    </span>\n  </summary>\n  <div class="govuk-details__text">\n    ${p.html ? htmlOf(p.html) : esc(p.text)}\n  </div>\n</details>\n`;
}

export function govukWarningText(p: { text?: Content; html?: string; iconFallbackText?: string }): string {
  return '<div class="govuk-warning-text">\n  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n  <strong class="govuk-warning-text__text">\n'
    + `    <span class="govuk-visually-hidden">${esc(p.iconFallbackText || 'Warning')}</span>\n    ${content(p)}\n  </strong>\n</div>\n`;
}

export function govukInsetText(p: { text?: Content; html?: string }): string {
  return `<div class="govuk-inset-text">\n  ${contentIndented(p, 2)}\n</div>\n`;
}

export interface Breadcrumb { text?: Content; html?: string; href?: string }

export function govukBreadcrumbs(p: { items: Breadcrumb[] }): string {
  let out = '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">\n  <ol class="govuk-breadcrumbs__list">\n';
  for (const item of p.items) {
    if (item.href) out += `    <li class="govuk-breadcrumbs__list-item">\n      <a class="govuk-breadcrumbs__link" href="${esc(item.href)}">${content(item)}</a>\n    </li>\n`;
    else out += `    <li class="govuk-breadcrumbs__list-item" aria-current="page">${content(item)}</li>\n`;
  }
  return `${out}  </ol>\n</nav>\n`;
}

export interface TableCell extends TextOrHtml { format?: string; colspan?: number; rowspan?: number; attributes?: Record<string, string | number | boolean | null | undefined> }
export interface TableParams {
  caption?: Content; captionClasses?: string; firstCellIsHeader?: boolean; classes?: string;
  head?: TableCell[]; rows?: (TableCell[] | null)[];
}

function cellAttributes(c: TableCell): string {
  return (c.colspan ? ` colspan="${esc(c.colspan)}"` : '') + (c.rowspan ? ` rowspan="${esc(c.rowspan)}"` : '') + attributes(c.attributes);
}

/**
 * govukTable; `labels`: each column's label, written as the cell's last attribute, data-label (what stackableTable
 * adds to each cell's attributes, without copying the rows).
 */
export function govukTable(p: TableParams, labels?: readonly (string | null)[]): string {
  let out = `<table class="${cls('govuk-table', p.classes)}">\n`;
  if (p.caption) out += `  <caption class="${cls('govuk-table__caption', p.captionClasses)}">${esc(p.caption)}</caption>\n`;
  if (p.head) {
    out += '  <thead class="govuk-table__head">\n    <tr class="govuk-table__row">\n';
    for (const item of p.head) {
      out += `      <th scope="col" class="govuk-table__header${item.format ? ` govuk-table__header--${esc(item.format)}` : ''}${item.classes ? ` ${esc(item.classes)}` : ''}"`
        + `${cellAttributes(item)}>${content(item)}</th>\n`;
    }
    out += '    </tr>\n  </thead>\n';
  }
  out += '  <tbody class="govuk-table__body">\n';
  for (const row of p.rows ?? []) {
    if (!row) continue;
    out += '    <tr class="govuk-table__row">\n';
    let column = 0;
    row.forEach((cell, i) => {
      const label = labels?.[column];
      column += cell.colspan ?? 1;
      const attrs = cellAttributes(cell) + (label ? ` data-label="${esc(label)}"` : '');
      if (i === 0 && p.firstCellIsHeader) out += `      <th scope="row" class="${cls('govuk-table__header', cell.classes)}"${attrs}>${content(cell)}</th>\n`;
      else {
        out += `      <td class="govuk-table__cell${cell.format ? ` govuk-table__cell--${esc(cell.format)}` : ''}${cell.classes ? ` ${esc(cell.classes)}` : ''}"`
          + `${attrs}>${content(cell)}</td>\n`;
      }
    });
    out += '    </tr>\n';
  }
  return `${out}  </tbody>\n</table>\n`;
}

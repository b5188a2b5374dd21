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
  // `| trim` of the whole list: it starts with its tag and ends with a newline (no copy of the list to trim it).
  return `${list}</dl>`;
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

/** The table's start: its caption, its head, and the opening of its body. */
function tableStart(p: TableParams): string {
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
  return `${out}  <tbody class="govuk-table__body">\n`;
}

/** A body cell's opening tag (not a row's header cell); `label`: its data-label. */
function cellStart(cell: TableCell, label: string | null | undefined): string {
  return `      <td class="govuk-table__cell${cell.format ? ` govuk-table__cell--${esc(cell.format)}` : ''}${cell.classes ? ` ${esc(cell.classes)}` : ''}"`
    + `${cellAttributes(cell)}${label ? ` data-label="${esc(label)}"` : ''}>`;
}

/** A row's header cell's opening tag (firstCellIsHeader); `label`: its data-label. */
function rowHeaderStart(cell: TableCell, label: string | null | undefined): string {
  return `      <th scope="row" class="${cls('govuk-table__header', cell.classes)}"${cellAttributes(cell)}${label ? ` data-label="${esc(label)}"` : ''}>`;
}

const ROW_START = '    <tr class="govuk-table__row">\n';
const ROW_END = '    </tr>\n';
const CELL_END = '</td>\n';
const ROW_HEADER_END = '</th>\n';
const TABLE_END = '  </tbody>\n</table>\n';

/**
 * govukTable; `labels`: each column's label, written as the cell's last attribute, data-label (what stackableTable
 * adds to each cell's attributes, without copying the rows).
 */
export function govukTable(p: TableParams, labels?: readonly (string | null)[]): string {
  let out = tableStart(p);
  for (const row of p.rows ?? []) {
    if (!row) continue;
    out += ROW_START;
    let column = 0;
    row.forEach((cell, i) => {
      const label = labels?.[column];
      column += cell.colspan ?? 1;
      if (i === 0 && p.firstCellIsHeader) out += `${rowHeaderStart(cell, label)}${content(cell)}${ROW_HEADER_END}`;
      else out += `${cellStart(cell, label)}${content(cell)}${CELL_END}`;
    });
    out += ROW_END;
  }
  return out + TABLE_END;
}

/**
 * govukTable cut into the text around its cells' contents, made once for a table whose rows are all alike (issue 17):
 * `start` (the table up to its first row), `before[i]` (what comes before column i's content: the row's opening for
 * the first, the previous cell's end for the others), `after` (the last cell's and the row's end) and `end`. A row is
 * then one template literal with a piece for each content and no cell objects. `columns`: each column's body cell
 * (format, classes, attributes; no content, no colspan); with `firstCellIsHeader` the first is the row's header cell.
 */
export function govukTableParts(p: TableParams, columns: readonly TableCell[], labels?: readonly (string | null)[]): { start: string; before: string[]; after: string; end: string } {
  const header = (i: number) => i === 0 && p.firstCellIsHeader === true;
  const cellEnd = (i: number) => (header(i) ? ROW_HEADER_END : CELL_END);
  return {
    start: tableStart(p),
    before: columns.map((c, i) => (i === 0 ? ROW_START : cellEnd(i - 1)) + (header(i) ? rowHeaderStart : cellStart)(c, labels?.[i])),
    after: cellEnd(columns.length - 1) + ROW_END,
    end: TABLE_END,
  };
}

interface PageLink { number?: number; href?: string; current?: boolean; ellipsis?: boolean }
/** govukPagination's parameters as the routes build them: numbered links and ellipses, previous and next by href. */
export interface Pagination { items: PageLink[]; previous?: { href: string }; next?: { href: string } }

const PREVIOUS = ['  <div class="govuk-pagination__prev">\n    <a class="govuk-link govuk-pagination__link" href="', '" rel="prev">\n'
  + '      <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">\n'
  + '        <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>\n      </svg>\n'
  + '      <span class="govuk-pagination__link-title">\n        Previous<span class="govuk-visually-hidden"> page</span>\n      </span>\n    </a>\n  </div>\n'];
const NEXT = ['  <div class="govuk-pagination__next">\n    <a class="govuk-link govuk-pagination__link" href="', '" rel="next">\n'
  + '      <span class="govuk-pagination__link-title">\n        Next<span class="govuk-visually-hidden"> page</span>\n      </span>\n'
  + '      <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">\n'
  + '        <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>\n      </svg>\n    </a>\n  </div>\n'];

export function govukPagination(p: Pagination): string {
  let out = '<nav class="govuk-pagination" aria-label="Pagination">\n';
  if (p.previous?.href) out += PREVIOUS[0] + esc(p.previous.href) + PREVIOUS[1];
  if (p.items.length) {
    out += '  <ul class="govuk-pagination__list">\n';
    for (const item of p.items) {
      if (item.ellipsis) {
        out += `      <li class="govuk-pagination__item${item.current ? ' govuk-pagination__item--current' : ''} govuk-pagination__item--ellipsis">\n      &ctdot;\n    </li>\n`;
        continue;
      }
      out += `      <li class="govuk-pagination__item${item.current ? ' govuk-pagination__item--current' : ''}">\n`
        + `      <a class="govuk-link govuk-pagination__link" href="${esc(item.href)}" aria-label="Page ${esc(item.number)}"${item.current ? ' aria-current="page"' : ''}>\n`
        + `        ${esc(item.number)}\n      </a>\n    </li>\n`;
    }
    out += '  </ul>\n';
  }
  if (p.next?.href) out += NEXT[0] + esc(p.next.href) + NEXT[1];
  return `${out}</nav>\n`;
}

// GOV.UK Frontend's table made to reflow (partials/table.njk's mootTable), shared by Nunjucks (a global) and the
// compiled pages.
export interface TableCell { text?: unknown; html?: unknown; attributes?: Record<string, unknown>; classes?: string; colspan?: number; [k: string]: unknown }
export interface TableParams { head?: TableCell[]; rows?: (TableCell[] | null)[]; classes?: string; stack?: boolean; [k: string]: unknown }

/** A column heading as plain text for a cell's label; none for a heading only screen readers get ("Action"). */
export function headingLabel(h: TableCell | undefined): string | null {
  if (!h) return null;
  if (typeof h.html === 'string') {
    if (h.html.includes('govuk-visually-hidden')) return null;
    return h.html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() || null;
  }
  return h.text === undefined || h.text === null ? null : String(h.text).trim() || null;
}

/**
 * govukTable's parameters with each cell labelled by its column's heading (data-label) and the table marked
 * "moot-stack", so moot.css can lay each row out as a block on a narrow screen. stack: false leaves it a grid.
 */
export function stackableTable(params: TableParams): TableParams {
  if (params.stack === false || !params.head?.length) return params;
  const labels = params.head.map(headingLabel);
  const rows = (params.rows ?? []).map((row) => {
    if (!row) return row;
    let column = 0;
    return row.map((cell) => {
      const label = labels[column];
      column += cell?.colspan ?? 1;
      return label && cell ? { ...cell, attributes: { ...(cell.attributes ?? {}), 'data-label': label } } : cell;
    });
  });
  return { ...params, rows, classes: `${params.classes ?? ''} moot-stack`.trim() };
}


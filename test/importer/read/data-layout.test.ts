import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET_RULES } from '../../../src/domain/budget.js';
import { parsePeriod } from '../../../src/domain/indicators.js';
import { parseMoney } from '../../../src/domain/money.js';
import { formatProblem, parseDataSheets, templateHeadings } from '../../../src/importer/read/data-layout.js';
import { readSheets } from '../../../src/importer/read/sheets.js';
import { dataTemplate } from '../../../src/services/data-files.js';

const rules = DEFAULT_BUDGET_RULES;

async function xlsx(rows: (string | number | null)[][], sheet = 'Revenue'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('figures files', () => {
  it('reads a revenue XLSX with £000s figures, brackets, carried-down portfolios, formulas and an inferred total', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('July');
    ws.addRow(['Strategic & Corporate Services: budget monitoring']);
    ws.addRow([]);
    ws.addRow(["Portfolio", 'Budget line', "Cash limit net (£'000s)", 'Forecast variance', 'Management action', 'Revised variance', 'Last reported', 'Movement', 'Narrative']);
    ws.addRow(['S&CS', 'Local Democracy', 5314.5, -893.1, 890, -3.1, 0, -3.1, null]);
    ws.addRow([null, 'Infrastructure', '36,830.6', 512.6, 0, 512.6, 412, '100.6', 'Asset Utilisation proposal rejected']);
    ws.addRow([null, 'Total', { formula: 'C4+C5', result: 42145.1 }, 509.5, 890, 509.5, 412, 97.5, null]);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const out = parseDataSheets(await readSheets('july.xlsx', bytes), 'revenue', { period: parsePeriod('2016-07'), rules });
    expect(out.problems).toEqual([]);
    expect(out.data?.kind).toBe('revenue');
    const rows = out.data!.kind === 'revenue' ? out.data!.rows : [];
    expect(rows.map((r) => [r.kind, r.portfolio, r.line, r.sourceRow])).toEqual([['line', 'S&CS', 'Local Democracy', 4], ['line', 'S&CS', 'Infrastructure', 5], ['total', '', 'Total', 6]]);
    expect(rows[1].figures.net).toBe(parseMoney('36830.6', { unit: 'thousands' }));
    expect(rows[2].figures.net).toBe(parseMoney('42145.1', { unit: 'thousands' }));
    expect(out.preview?.headerRow).toBe(3);
  });

  it('reports every problem at once with sheet, row and column, and gives no figures', async () => {
    const bytes = await xlsx([
      ['Portfolio', 'Budget line', 'Row type', 'Forecast variance', 'Movement'],
      ['Adults', 'Direct Payments', 'Line', 'lots', 5],
      ['Adults', '', 'Sideways', 1, 'x'],
    ]);
    const out = parseDataSheets(await readSheets('bad.xlsx', bytes), 'revenue', { period: parsePeriod('2025-06'), rules });
    expect(out.data).toBeNull();
    expect(out.problems.map(formatProblem)).toEqual([
      'sheet "Revenue", row 2, column D (Forecast variance): Forecast variance "lots" is not an amount in £\'000s such as 1,234.5 or (250)',
      'sheet "Revenue", row 3, column C (Row type): row type "Sideways" must be Line, Subtotal or Total',
      'sheet "Revenue", row 3, column B (Budget line): the line has no name',
      'sheet "Revenue", row 3, column E (Movement): Movement "x" is not an amount in £\'000s such as 1,234.5 or (250)',
    ]);
  });

  it('names the missing headings and refuses .xls', async () => {
    const out = parseDataSheets(await readSheets('v.csv', new TextEncoder().encode('Indicator,Result\nCS04,95\n')), 'indicator-values', { rules });
    expect(out.problems.map(formatProblem)).toEqual([
      'sheet "v.csv", row 1: no column headed "Ref" (the indicator-values layout needs "Ref", "Value"; see docs/data-import.md)',
    ]);
    await expect(readSheets('old.xls', new Uint8Array([1]))).rejects.toThrow(/save it as an Excel workbook/);
  });

  it('every template reads back cleanly', async () => {
    for (const kind of ['indicators', 'indicator-values', 'revenue', 'capital'] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const bytes = await dataTemplate(kind, format);
        const sheets = await readSheets(`t.${format}`, bytes);
        const out = parseDataSheets(sheets, kind, { period: parsePeriod('2025-06'), rules });
        expect(out.problems, `${kind} ${format}`).toEqual([]);
        expect(out.preview?.headings).toEqual(templateHeadings(kind, ['2025-26', '2026-27', '2027-28']));
      }
    }
  });
});

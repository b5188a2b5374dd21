// Reads a spreadsheet of figures, CSV (csv-parse) or XLSX (exceljs), into plain rows of cells: the column layout is
// interpreted by data-layout.ts. Cells are strings, numbers or null; XLSX formulas give their cached result.
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';

export type Cell = string | number | null;

export interface Sheet {
  name: string;
  /** rows[i] is spreadsheet row i + 1. */
  rows: Cell[][];
}

export class SheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetError';
  }
}

export type SheetFormat = 'csv' | 'xlsx';

/** The format from the file name, or from the bytes (an XLSX file is a ZIP archive). */
export function sheetFormat(fileName: string, bytes: Uint8Array): SheetFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xls') || lower.endsWith('.ods')) {
    throw new SheetError(`${fileName}: only .xlsx and .csv files can be read; save it as an Excel workbook (.xlsx) or CSV first`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  return 'csv';
}

export async function readSheets(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  return sheetFormat(fileName, bytes) === 'xlsx' ? readXlsx(fileName, bytes) : [readCsv(fileName, bytes)];
}

export function readCsv(fileName: string, bytes: Uint8Array): Sheet {
  let text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    const records = parse(text, { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    return { name: fileName.replace(/^.*[\\/]/, ''), rows: records.map((r) => r.map((c) => (c === '' ? null : c))) };
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new SheetError(`${fileName}${err.lines ? `, line ${err.lines}` : ''}: not readable as CSV (${err.message})`);
  }
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in v) return cellValue((v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''));
    if ('text' in v) return cellValue((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

export async function readXlsx(fileName: string, bytes: Uint8Array): Promise<Sheet[]> {
  // exceljs is loaded when a workbook is first read or written, not with the server: imported at start it was
  // some 25 MB of every server process's memory (RSS), for a clerk's occasional upload (docs/benchmarks.md).
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (e) {
    throw new SheetError(`${fileName}: not readable as an Excel workbook (${(e as Error).message})`);
  }
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellValue(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows[n - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

/** "A", "B", … "Z", "AA": the column letter of a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

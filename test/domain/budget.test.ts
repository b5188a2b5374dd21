import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  capitalTotals,
  checkCapitalAgainstLast,
  checkRevenueAgainstLast,
  DEFAULT_BUDGET_RULES,
  emptyCapitalFigures,
  formatThousands,
  reconcileCapital,
  reconcileRevenue,
  revenueTotals,
  REVENUE_COLUMNS,
  REVENUE_HEADINGS,
  type CapitalRow,
  type RevenueRow,
} from '../../src/domain/budget.js';
import { parseMoney } from '../../src/domain/money.js';

const k = (s: string) => parseMoney(s, { unit: 'thousands' });

function line(portfolio: string, name: string, f: [number, number, number, number, number], narrative: string | null = 'Explained', sourceRow: number | null = null): RevenueRow {
  // gross, income, forecast, action, last — in pence; the rest derived so the line reconciles.
  const [gross, income, forecastVariance, managementAction, lastReported] = f;
  const revisedVariance = forecastVariance + managementAction;
  return {
    kind: 'line', portfolio, line: name, narrative, sourceRow,
    figures: { gross, income, net: gross + income, forecastVariance, managementAction, revisedVariance, lastReported, movement: revisedVariance - lastReported },
  };
}

function withTotal(rows: RevenueRow[]): RevenueRow[] {
  const t = revenueTotals(rows).total;
  return [...rows, { kind: 'total', portfolio: '', line: 'Total', figures: t, narrative: null, sourceRow: rows.length + 2 }];
}

describe('formatThousands', () => {
  it('prints £000s figures at the precision they carry', () => {
    expect(formatThousands(k('5,174.0'))).toBe('5,174');
    expect(formatThousands(k('-893.1'))).toBe('-893.1');
    expect(formatThousands(k('0.25'))).toBe('0.25');
    expect(formatThousands(null)).toBe('');
  });
});

describe('revenue reconciliation', () => {
  it("reconciles Kent's Strategic & Corporate Services table of July 2016 (corpus)", (ctx) => {
    const file = '../shared/corpus/kent/policy-resources-2016-09-08.txt';
    if (!existsSync(file)) return ctx.skip('../shared/corpus is absent');
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('| - ') || l.startsWith('| Total S&CS'));
    const rows: RevenueRow[] = lines.map((l, i) => {
      const c = l.replace(/^\||\|$/g, '').split('|').map((s) => s.trim());
      const [net, forecastVariance, managementAction, revisedVariance, lastReported, movement] = c.slice(1, 7).map(k);
      const total = c[0].startsWith('Total');
      return {
        kind: total ? 'total' : 'line', portfolio: 'S&CS', line: c[0].replace(/^- /, ''), narrative: 'See report', sourceRow: i + 1,
        figures: { gross: null, income: null, net, forecastVariance, managementAction, revisedVariance, lastReported, movement },
      };
    });
    expect(rows).toHaveLength(11);
    expect(reconcileRevenue(rows)).toEqual([]);
    expect(revenueTotals(rows).total.movement).toBe(k('-764.7'));
    // One digit wrong in the printed total is caught, naming the cell and both figures.
    rows[10].figures.movement = k('-746.7');
    const problems = reconcileRevenue(rows);
    expect(problems.map((p) => p.message)).toEqual([
      'Revenue table, row 11 ("Total S&CS"), column Movement: the table has -746.7 but revised variance − last reported gives -764.7 (£\'000s)',
      'Revenue table, row 11 ("Total S&CS"), column Movement: the table has -746.7 but the sum of its 10 lines gives -764.7 (£\'000s)',
    ]);
  });

  it('asks for narrative over the threshold, and checks last reported against the previous report', () => {
    const rows = [line('Adults', 'Direct Payments', [k('1000'), k('-100'), k('150'), k('0'), k('0')], null, 4)];
    expect(reconcileRevenue(rows).map((p) => p.message)).toEqual([
      'Revenue table, row 4 ("Direct Payments"), column Narrative: a variance of 150 (£\'000s) is over £100k and needs an explanation',
    ]);
    expect(reconcileRevenue(rows, { ...DEFAULT_BUDGET_RULES, narrativeThreshold: k('200') })).toEqual([]);
    const prev = [line('Adults', 'Direct Payments', [k('1000'), k('-100'), k('40'), k('0'), k('0')])];
    expect(checkRevenueAgainstLast(rows, prev, 'May 2025')[0].message).toBe(
      'Revenue table, row 4 ("Direct Payments"), column Last reported position: the table has 0 but the revised variance in the May 2025 report gives 40 (£\'000s)',
    );
  });

  const pence = fc.integer({ min: -5_000_000_00, max: 5_000_000_00 });
  const linesArb = fc.array(
    fc.record({ portfolio: fc.constantFrom('Adults', 'Children', 'Highways'), f: fc.tuple(pence, pence, pence, pence, pence) }),
    { minLength: 1, maxLength: 25 },
  );

  it('computed totals always reconcile, with and without portfolio subtotals (property)', () => {
    fc.assert(
      fc.property(linesArb, (specs) => {
        const rows = specs.map((s, i) => line(s.portfolio, `Line ${i}`, s.f));
        const t = revenueTotals(rows);
        const subtotals: RevenueRow[] = t.portfolios.map((p) => ({ kind: 'subtotal', portfolio: p.portfolio, line: `Total ${p.portfolio}`, figures: p.total, narrative: null, sourceRow: null }));
        expect(reconcileRevenue(withTotal([...rows, ...subtotals]))).toEqual([]);
        for (const c of REVENUE_COLUMNS) {
          expect(t.portfolios.reduce((s, p) => s + (p.total[c] ?? 0), 0)).toBe(t.total[c]);
        }
      }),
    );
  });

  it('any figure changed in a supplied total is reported at that row and column with both figures (property)', () => {
    fc.assert(
      fc.property(linesArb, fc.constantFrom(...REVENUE_COLUMNS), fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (specs, column, delta, negative) => {
        const rows = withTotal(specs.map((s, i) => line(s.portfolio, `Line ${i}`, s.f)));
        const total = rows[rows.length - 1];
        const right = total.figures[column]!;
        total.figures[column] = right + (negative ? -delta : delta);
        const problems = reconcileRevenue(rows);
        const p = problems.find((x) => x.check === 'total');
        expect(p).toMatchObject({ table: 'revenue', row: total.sourceRow, line: 'Total', column: REVENUE_HEADINGS[column], expected: right, actual: total.figures[column] });
        expect(p!.message).toContain(formatThousands(right));
        expect(problems.every((x) => x.row === total.sourceRow)).toBe(true);
        // Within a tolerance as large as the change, it is accepted as rounding.
        expect(reconcileRevenue(rows, { ...DEFAULT_BUDGET_RULES, tolerance: delta })).toEqual([]);
      }),
    );
  });
});

describe('capital reconciliation', () => {
  const years = ['2025-26', '2026-27'];
  const cap = (name: string, a: number, b: number, real: number, reph: number, last: number, narrative: string | null = 'Why'): CapitalRow => ({
    kind: 'line', portfolio: 'Highways', line: name, narrative, sourceRow: null, cashLimits: { '2025-26': a, '2026-27': b },
    figures: { ...emptyCapitalFigures(), cashLimitTotal: a + b, realVariance: real, rephasing: reph, variance: real + reph, lastReported: last, movement: real + reph - last },
  });

  it('checks cash limits by year, real + re-phasing, movement, totals and narrative', () => {
    const rows = [cap('Victoria Way', k('1000'), k('500'), k('50'), k('-300'), k('-200')), cap('Drovers Roundabout', k('1697'), 0, 0, 0, 0)];
    const t = capitalTotals(rows, years);
    const total: CapitalRow = { kind: 'total', portfolio: '', line: 'Total', cashLimits: t.cashLimits, figures: t.total, narrative: null, sourceRow: 9 };
    expect(reconcileCapital([...rows, total], years)).toEqual([]);
    total.cashLimits['2026-27'] = k('499');
    rows[0].narrative = null;
    expect(reconcileCapital([...rows, total], years).map((p) => [p.column, p.check])).toEqual([
      ['Narrative', 'narrative'],
      ['Cash limit total', 'arithmetic'],
      ['Cash limit 2026-27', 'total'],
    ]);
    const before = [cap('Victoria Way', k('1200'), k('500'), 0, k('-200'), 0)];
    expect(checkCapitalAgainstLast(rows, before, 'May').map((p) => p.check)).toEqual(['cash-limit-change']);
  });
});

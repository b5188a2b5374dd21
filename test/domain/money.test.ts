import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BUDGET_COLUMNS,
  checkBudgetTable,
  formatMoney,
  moneyUnitFromHeading,
  parseMoney,
  tryParseMoney,
  type BudgetRow,
  type MoneyUnit,
} from '../../src/domain/money.js';

const POUND = 100; // pence

describe('parsing money as printed', () => {
  it('reads the forms found in packs, as pence', () => {
    expect(parseMoney('£0.199m')).toBe(199_000 * POUND);
    expect(parseMoney('-£0.547m')).toBe(-547_000 * POUND);
    expect(parseMoney('£-3.745m')).toBe(-3_745_000 * POUND);
    expect(parseMoney('(-1.048m)')).toBe(-1_048_000 * POUND);
    expect(parseMoney('(1.048m)')).toBe(-1_048_000 * POUND);
    expect(parseMoney('336,806', { unit: 'thousands' })).toBe(336_806_000 * POUND);
    expect(parseMoney('336,806')).toBe(336_806 * POUND);
    expect(parseMoney('£1.2m')).toBe(1_200_000 * POUND);
    expect(parseMoney('£11m')).toBe(11_000_000 * POUND);
    expect(parseMoney('£4,118k')).toBe(4_118_000 * POUND);
    expect(parseMoney('+£0.340m')).toBe(340_000 * POUND);
    expect(parseMoney('+0.440', { unit: 'millions' })).toBe(440_000 * POUND);
    expect(parseMoney('£4.60')).toBe(460);
    expect(parseMoney('£1.2bn')).toBe(1_200_000_000 * POUND);
    expect(parseMoney('£ 16.226 m')).toBe(16_226_000 * POUND);
    expect(parseMoney('\u2212£0.547m')).toBe(-547_000 * POUND); // a true minus sign from a PDF
    expect(parseMoney('£0.0000001m')).toBe(10);
    expect(parseMoney('£0.005')).toBe(1); // half a penny rounds away from zero
  });

  it('reads a lone dash in a table as nil', () => {
    expect(parseMoney('-')).toBe(0);
    expect(parseMoney('–')).toBe(0);
    expect(parseMoney('-0.000', { unit: 'millions' })).toBe(0);
  });

  it('a suffix wins over the table unit', () => {
    expect(parseMoney('£2m', { unit: 'thousands' })).toBe(2_000_000 * POUND);
  });

  it('refuses what is not money, quoting it', () => {
    for (const s of ['', '£', 'abc', '£1.2.3m', '1,23,456', '-£-3m', '£3x', '((1m))', '12,34']) {
      expect(tryParseMoney(s), s).toBeNull();
    }
    expect(() => parseMoney('£1.2.3m')).toThrow(/"£1.2.3m" is not an amount of money/);
  });
});

describe('formatting money', () => {
  it('prints in the styles packs use', () => {
    expect(formatMoney(123_456)).toBe('£1,234.56');
    expect(formatMoney(1_000 * POUND)).toBe('£1,000');
    expect(formatMoney(199_000 * POUND, { unit: 'millions' })).toBe('£0.199m');
    expect(formatMoney(-547_000 * POUND, { unit: 'millions' })).toBe('-£0.547m');
    expect(formatMoney(-1_048_000 * POUND, { unit: 'millions', negative: 'brackets' })).toBe('(£1.048m)');
    expect(formatMoney(4_118_000 * POUND, { unit: 'thousands' })).toBe('£4,118k');
    expect(formatMoney(336_806_000 * POUND, { unit: 'thousands', symbol: false })).toBe('336,806');
    expect(formatMoney(1_200_000 * POUND, { unit: 'millions', decimals: 1 })).toBe('£1.2m');
    expect(formatMoney(1_250_000 * POUND, { unit: 'millions', decimals: 1 })).toBe('£1.3m');
    expect(formatMoney(-1_250_000 * POUND, { unit: 'millions', decimals: 1 })).toBe('-£1.3m');
    expect(formatMoney(-400 * POUND, { unit: 'millions' })).toBe('£0.000m'); // rounds to nothing: no minus
  });

  it('refuses pence that are not whole', () => {
    expect(() => formatMoney(1.5)).toThrow(/whole number of pence/);
  });

  const penceArb = fc.integer({ min: -(10 ** 14), max: 10 ** 14 });

  it('parse undoes format whenever nothing is rounded away', () => {
    fc.assert(
      fc.property(penceArb, fc.constantFrom<'minus' | 'brackets'>('minus', 'brackets'), (p, negative) => {
        expect(parseMoney(formatMoney(p, { decimals: 2, negative }))).toBe(p);
        expect(parseMoney(formatMoney(p, { unit: 'millions', decimals: 8, negative }))).toBe(p);
        expect(parseMoney(formatMoney(p, { unit: 'thousands', decimals: 5, symbol: false }), { unit: 'thousands' })).toBe(p);
      }),
    );
  });

  it('rounding to the printed precision is off by at most half a unit', () => {
    fc.assert(
      fc.property(penceArb, fc.constantFrom<MoneyUnit>('pounds', 'thousands', 'millions'), fc.integer({ min: 0, max: 3 }), (p, unit, decimals) => {
        const back = parseMoney(formatMoney(p, { unit, decimals }));
        const step = { pounds: 100, thousands: 100_000, millions: 100_000_000, billions: 1e11 }[unit] / 10 ** decimals;
        expect(Math.abs(back - p)).toBeLessThanOrEqual(step / 2);
      }),
    );
  });
});

describe('budget monitoring arithmetic', () => {
  // Cabinet, 9 January 2012, Table 1: Net Revenue Position before and after Proposed Management Action (£m).
  const m = (s: string) => parseMoney(s, { unit: 'millions' }) / 100 / 1e6;
  const table1 = [
    ['Education, Learning & Skills', '-0.776', '-', '-0.776', '-1.216', '+0.440'],
    ["Specialist Children's Services", '+13.117', '-', '+13.117', '+12.626', '+0.491'],
    ['Adult Social Care & Public Health', '-2.537', '-', '-2.537', '-2.581', '+0.044'],
    ['Environment, Highways & Waste', '-3.299', '-', '-3.299', '-3.548', '+0.249'],
    ['Customer & Communities', '-0.081', '-', '-0.081', '+0.126', '-0.207'],
    ['Regeneration & Enterprise', '-', '-', '-', '-', '-'],
    ['Finance & Business Support', '-6.544', '-', '-6.544', '-5.134', '-1.410'],
    ['Business Strategy, Performance & Health Reform', '-0.848', '-', '-0.848', '-0.926', '+0.078'],
    ['Democracy & Partnerships', '-0.064', '-', '-0.064', '-0.087', '+0.023'],
  ];
  const rows: BudgetRow[] = table1.map(([line, f, a, r, l, mv]) => ({
    line,
    forecastVariance: m(f),
    managementAction: m(a),
    revisedVariance: m(r),
    lastReported: m(l),
    movement: m(mv),
  }));
  const totals = { line: 'Total (excl Schools)', forecastVariance: -1.032, managementAction: 0, revisedVariance: -1.032, lastReported: -0.74, movement: -0.292 };

  it('the printed Table 1 reconciles to the £1k', () => {
    const result = checkBudgetTable({ rows, totals });
    expect(result.tolerance).toBeCloseTo(0.001);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports a total that does not add up, naming line and column', () => {
    const result = checkBudgetTable({ rows, totals: { ...totals, lastReported: -0.022 } });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.check, i.line, i.column])).toEqual([
      ['movement', 'Total (excl Schools)', 'movement'],
      ['column-total', 'Total (excl Schools)', 'lastReported'],
    ]);
    expect(result.issues[1].expected).toBe(-0.74);
    expect(result.issues[1].message).toMatch(/Total \(excl Schools\): lastReported is -0.022 but the sum of the 9 lines gives -0.74/);
  });

  it('reports a line whose revised variance is not forecast plus action', () => {
    const bad = rows.map((r) => (r.line === 'Customer & Communities' ? { ...r, managementAction: -0.1 } : r));
    const issues = checkBudgetTable({ rows: bad, totals: { ...totals, managementAction: -0.1 } }).issues;
    expect(issues.map((i) => `${i.check}:${i.line}`)).toEqual([
      'revised-variance:Customer & Communities',
      'revised-variance:Total (excl Schools)',
    ]);
    expect(issues[0].difference).toBeCloseTo(0.1);
  });

  it('says which cell is not a number', () => {
    const bad = [{ line: 'Libraries', forecastVariance: Number.NaN }];
    expect(() => checkBudgetTable({ rows: bad, totals: {} })).toThrow(/line "Libraries", column forecastVariance/);
  });

  // £'000s tables: whole numbers.
  const rowArb = fc.record({
    cashLimit: fc.integer({ min: 0, max: 500_000 }),
    forecastVariance: fc.integer({ min: -20_000, max: 20_000 }),
    managementAction: fc.integer({ min: -5_000, max: 0 }),
    lastReported: fc.integer({ min: -20_000, max: 20_000 }),
  });
  const consistent = (raw: { cashLimit: number; forecastVariance: number; managementAction: number; lastReported: number }[]) => {
    const rows: BudgetRow[] = raw.map((r, i) => {
      const revisedVariance = r.forecastVariance + r.managementAction;
      return { line: `Line ${i + 1}`, ...r, revisedVariance, movement: revisedVariance - r.lastReported };
    });
    const totals = Object.fromEntries(BUDGET_COLUMNS.map((c) => [c, rows.reduce((s, r) => s + (r[c] as number), 0)]));
    return { rows, totals };
  };

  it('a table built by the rules always reconciles', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 25 }), (raw) => {
        expect(checkBudgetTable(consistent(raw)).issues).toEqual([]);
      }),
    );
  });

  it('changing any one figure by more than the tolerance is caught', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 25 }),
        fc.nat(),
        fc.constantFrom(...BUDGET_COLUMNS),
        fc.integer({ min: 2, max: 1000 }),
        fc.boolean(),
        (raw, pick, column, delta, inTotals) => {
          const t = consistent(raw);
          if (inTotals) t.totals[column] += delta;
          else (t.rows[pick % t.rows.length][column] as number) += delta;
          const result = checkBudgetTable(t);
          expect(result.ok).toBe(false);
          // Every figure is in a column total, so some issue always names the changed column.
          expect(result.issues.some((i) => i.column === column)).toBe(true);
        },
      ),
    );
  });

  it('accepts differences within an explicit rounding tolerance', () => {
    const t = consistent([{ cashLimit: 100, forecastVariance: 10, managementAction: -2, lastReported: 3 }]);
    t.totals.movement += 1;
    expect(checkBudgetTable(t).ok).toBe(true); // default tolerance is one unit for whole-number tables
    t.totals.movement += 1;
    expect(checkBudgetTable(t).ok).toBe(false);
    expect(checkBudgetTable(t, { tolerance: 2 }).ok).toBe(true);
  });
});

describe('money unit from a column heading', () => {
  it('recognises the headings packs print', () => {
    const cases: [string, MoneyUnit | null][] = [
      ["£'000s", 'thousands'],
      ['£000', 'thousands'],
      ['Cash Limit £’000', 'thousands'],
      ['£k', 'thousands'],
      ['Gross Position £m', 'millions'],
      ['Movement £m', 'millions'],
      ['£ million', 'millions'],
      ['£bn', 'billions'],
      ['Amount (£)', 'pounds'],
      ['Portfolio', null],
      ['£5 fee', null],
    ];
    for (const [heading, unit] of cases) expect(moneyUnitFromHeading(heading), heading).toBe(unit);
  });
});

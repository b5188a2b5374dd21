import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcileRevenue, type RevenueRow } from '../../src/domain/budget.js';
import {
  formatMoney,
  moneyUnitFromHeading,
  parseMoney,
  tryParseMoney,
  type MoneyUnit,
  type Pence,
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

describe('budget monitoring arithmetic of a printed table (the one rule: domain/budget.ts reconcileRevenue)', () => {
  // Cabinet, 9 January 2012, Table 1: Net Revenue Position before and after Proposed Management Action (£m).
  const m = (s: string) => parseMoney(s, { unit: 'millions' });
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
  const row = (kind: RevenueRow['kind'], line: string, [f, a, r, l, mv]: Pence[]): RevenueRow => ({
    kind, portfolio: 'Council', line, narrative: null, sourceRow: null,
    figures: { gross: null, income: null, net: null, forecastVariance: f, managementAction: a, revisedVariance: r, lastReported: l, movement: mv },
  });
  const lines = table1.map(([line, ...figures]) => row('line', line, figures.map(m)));
  const total = (figures: string[]) => row('total', 'Total (excl Schools)', figures.map(m));
  const printedTotal = ['-1.032', '0', '-1.032', '-0.740', '-0.292'];
  // The table's lines carry no narrative: only its arithmetic is checked here.
  const rules = { narrativeThreshold: Number.MAX_SAFE_INTEGER, tolerance: 0 };

  it('the printed Table 1 reconciles to the £1k', () => {
    expect(reconcileRevenue([...lines, total(printedTotal)], rules)).toEqual([]);
  });

  it('reports a total that does not add up, naming line and column', () => {
    const problems = reconcileRevenue([...lines, total(['-1.032', '0', '-1.032', '-0.022', '-0.292'])], rules);
    expect(problems.map((p) => [p.check, p.line, p.column])).toEqual([
      ['arithmetic', 'Total (excl Schools)', 'Movement'],
      ['total', 'Total (excl Schools)', 'Last reported position'],
    ]);
    expect(problems[1].expected).toBe(m('-0.740'));
    expect(problems[1].message).toMatch(/Total \(excl Schools\).*Last reported position: the table has -22 but the sum of its 9 lines gives -740/);
  });

  it('reports a line whose revised variance is not forecast plus action', () => {
    const bad = lines.map((r) => (r.line === 'Customer & Communities' ? { ...r, figures: { ...r.figures, managementAction: m('-0.1') } } : r));
    const problems = reconcileRevenue([...bad, total(['-1.032', '-0.1', '-1.032', '-0.740', '-0.292'])], rules);
    expect(problems.map((p) => `${p.check}:${p.line}:${p.column}`)).toEqual([
      'arithmetic:Customer & Communities:Revised variance',
      'arithmetic:Total (excl Schools):Revised variance',
    ]);
    expect(problems[0].expected! - problems[0].actual!).toBe(m('-0.1'));
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

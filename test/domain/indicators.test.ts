import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDashboard,
  checkIndicator,
  dashboardSentences,
  formatIndicatorValue,
  parsePeriod,
  periodFromSlug,
  periodSlug,
  previousPeriod,
  quarterPeriod,
  type Indicator,
  type IndicatorValue,
} from '../../src/domain/indicators.js';
import { ragRating, RAG_ORDER } from '../../src/domain/rag.js';

const std = (year: string, s: Partial<Indicator['standards'][number]>) => ({ year, target: null, floor: null, lower: null, upper: null, floorLower: null, floorUpper: null, ...s });
const kpi = (ref: string, polarity: 'higher' | 'lower', target: number, floor: number): Indicator => ({
  ref, description: `Indicator ${ref}`, serviceArea: 'Customer Services', director: 'Amanda Beer', cabinetMember: 'Susan Carey',
  kind: 'kpi', polarity, unit: '%', decimals: 0, standards: [std('2016-17', { target, floor })],
});

describe('reporting periods', () => {
  it('reads months, quarters of the financial year and financial years', () => {
    expect(parsePeriod('2016-06')).toMatchObject({ kind: 'month', year: '2016-17', start: '2016-06-01', end: '2016-06-30', label: 'June 2016' });
    expect(parsePeriod('Jan 2017')).toMatchObject({ code: '2017-01', year: '2016-17' });
    expect(parsePeriod('2016-17 Q1')).toMatchObject({ kind: 'quarter', start: '2016-04-01', end: '2016-06-30' });
    expect(parsePeriod('Q4 2016/17')).toMatchObject({ code: '2016-17 Q4', start: '2017-01-01', end: '2017-03-31' });
    expect(parsePeriod('2016/17')).toMatchObject({ kind: 'year', code: '2016-17', start: '2016-04-01', end: '2017-03-31' });
    expect(() => parsePeriod('2016-13')).toThrow(/not a reporting period/);
    // December 2011 and the financial year 2011-12 look alike: the month wins, the year is FY2011-12.
    expect(parsePeriod('2011-12')).toMatchObject({ kind: 'month', label: 'December 2011' });
    expect(parsePeriod('FY2011-12')).toMatchObject({ kind: 'year', code: 'FY2011-12', year: '2011-12' });
    expect(parsePeriod('2011/12')).toMatchObject({ kind: 'year', code: 'FY2011-12' });
    expect(periodFromSlug(periodSlug('FY2011-12')).code).toBe('FY2011-12');
    expect(previousPeriod(parsePeriod('2012-13')).code).toBe('FY2011-12');
    expect(() => parsePeriod('2016-18')).toThrow(/2025-26 Q1/);
  });

  it('steps back one period of the same kind and round-trips through its slug', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 4 }), (fy, q) => {
        const p = quarterPeriod(fy, q);
        const prev = previousPeriod(p);
        expect(prev.ordinal).toBe(p.ordinal - 1);
        expect(parsePeriod(p.code)).toEqual(p);
        expect(periodFromSlug(periodSlug(p.code))).toEqual(p);
        expect(prev.end < p.start).toBe(true);
      }),
    );
    expect(previousPeriod(parsePeriod('2017-01')).code).toBe('2016-12');
    expect(previousPeriod(parsePeriod('2016-17')).code).toBe('2015-16');
  });
});

describe('indicators', () => {
  it('refuses incoherent standards with the reason', () => {
    expect(checkIndicator(kpi('CS04', 'higher', 95, 80))).toEqual([]);
    expect(checkIndicator(kpi('CS04', 'higher', 80, 95))[0].message).toMatch(/CS04: 2016-17: floor 95 is above target 80/);
    expect(checkIndicator({ ...kpi('CS04', 'higher', 80, 70), standards: [std('2016-17', {})] })[0].message).toMatch(/needs a target/);
  });

  it('builds the Kent dashboard of June 2016 (CS04, CS05, CS08, CS12) with its ratings and counts', () => {
    const inds: Indicator[] = [
      kpi('CS04', 'higher', 95, 80),
      kpi('CS05', 'higher', 80, 70),
      { ...kpi('CS08', 'higher', 0, 0), kind: 'activity', unit: 'calls (000s)', standards: [std('2016-17', { lower: 178, upper: 213 })] },
      { ...kpi('CS12', 'higher', 0, 0), kind: 'activity', unit: 'visits (000s)', standards: [std('2016-17', { lower: 1100, upper: 1300 })] },
    ];
    const v = (ref: string, period: string, value: number): IndicatorValue => ({ ref, period, value, reportedOn: null, note: null });
    const values = [v('CS04', '2016-05', 96), v('CS04', '2016-06', 95), v('CS05', '2016-05', 79), v('CS05', '2016-06', 75), v('CS08', '2016-06', 176), v('CS12', '2016-06', 1312)];
    const d = buildDashboard(inds, values, parsePeriod('2016-06'));
    expect(d.kpis.map((r) => [r.indicator.ref, r.rag, r.direction])).toEqual([['CS04', 'GREEN', 'falling'], ['CS05', 'AMBER', 'falling']]);
    expect(d.activity.map((r) => [r.indicator.ref, r.range, r.rag, r.direction])).toEqual([['CS08', 'Below', null, null], ['CS12', 'Above', null, null]]);
    expect(d.kpiSummary).toMatchObject({ green: 1, amber: 1, red: 0, improving: 0, stable: 0, falling: 2, total: 2 });
    expect(d.activitySummary).toMatchObject({ inExpectedRange: 0, above: 1, below: 1 });
    expect(dashboardSentences(d)).toEqual([
      'Of the two Key Performance Indicators (KPIs), latest performance is Green for one, Amber for one and Red for none.',
      'Direction of travel shows none improving, none stable and two showing lower results.',
      'Of the two activity indicators, none are in the expected range, one above and one below.',
    ]);
    expect(formatIndicatorValue(1312, { unit: 'visits (000s)', decimals: 0 })).toBe('1,312 visits (000s)');
  });

  it('counts add up and every rating agrees with the RAG rule (property)', () => {
    const arb = fc.array(
      fc.record({
        polarity: fc.constantFrom('higher' as const, 'lower' as const),
        target: fc.integer({ min: 10, max: 90 }),
        gap: fc.integer({ min: 0, max: 10 }),
        value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        prev: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        activity: fc.boolean(),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const inds: Indicator[] = [];
        const values: IndicatorValue[] = [];
        specs.forEach((s, n) => {
          const ref = `K${n}`;
          const floor = s.polarity === 'higher' ? s.target - s.gap : s.target + s.gap;
          const i = kpi(ref, s.polarity, s.target, floor);
          inds.push(s.activity ? { ...i, kind: 'activity', standards: [std('2016-17', { lower: s.target - s.gap, upper: s.target + s.gap })] } : i);
          if (s.value !== null) values.push({ ref, period: '2016-17 Q2', value: s.value, reportedOn: null, note: null });
          if (s.prev !== null) values.push({ ref, period: '2016-17 Q1', value: s.prev, reportedOn: null, note: null });
        });
        const d = buildDashboard(inds, values, parsePeriod('2016-17 Q2'));
        const k = d.kpiSummary;
        expect(k.green + k.amber + k.red + k.unrated).toBe(d.kpis.length);
        expect(k.improving + k.stable + k.falling + k.noDirection).toBe(d.kpis.length);
        const a = d.activitySummary;
        expect(a.inExpectedRange + a.above + a.below).toBe(d.activity.filter((r) => r.value !== null).length);
        for (const r of d.kpis) {
          const st = r.standard!;
          if (r.value === null) expect(r.rag).toBeNull();
          else expect(r.rag).toBe(ragRating({ polarity: r.indicator.polarity as 'higher', value: r.value, target: st.target!, floor: st.floor }));
          if (r.value !== null && r.previousValue !== null && r.rag) {
            // A better value never has a worse rating.
            const better = r.indicator.polarity === 'higher' ? Math.max(r.value, r.previousValue) : Math.min(r.value, r.previousValue);
            const rb = ragRating({ polarity: r.indicator.polarity as 'higher', value: better, target: st.target!, floor: st.floor });
            expect(RAG_ORDER[rb]).toBeGreaterThanOrEqual(RAG_ORDER[r.rag]);
            expect(r.direction).toBe(r.value === r.previousValue ? 'stable' : (better === r.value ? 'improving' : 'falling'));
          }
        }
      }),
    );
  });
});

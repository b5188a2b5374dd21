import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RAG_ORDER,
  directionOfTravel,
  directionSymbol,
  expectedRange,
  parseDirectionSymbol,
  ragRating,
  summariseDashboard,
  type DashboardIndicator,
  type Direction,
  type Rag,
} from '../../src/domain/rag.js';

describe('RAG rating', () => {
  it('higher is better: target met is GREEN, between floor and target AMBER, below floor RED', () => {
    const kpi = { polarity: 'higher' as const, target: 90, floor: 80 };
    expect(ragRating({ ...kpi, value: 95 })).toBe('GREEN');
    expect(ragRating({ ...kpi, value: 90 })).toBe('GREEN');
    expect(ragRating({ ...kpi, value: 89.9 })).toBe('AMBER');
    expect(ragRating({ ...kpi, value: 80 })).toBe('AMBER');
    expect(ragRating({ ...kpi, value: 79.9 })).toBe('RED');
  });

  it('lower is better mirrors it', () => {
    const kpi = { polarity: 'lower' as const, target: 10, floor: 15 };
    expect(ragRating({ ...kpi, value: 8 })).toBe('GREEN');
    expect(ragRating({ ...kpi, value: 10 })).toBe('GREEN');
    expect(ragRating({ ...kpi, value: 15 })).toBe('AMBER');
    expect(ragRating({ ...kpi, value: 15.1 })).toBe('RED');
  });

  it('without a floor anything short of target is RED', () => {
    expect(ragRating({ polarity: 'higher', target: 90, value: 89 })).toBe('RED');
    expect(ragRating({ polarity: 'higher', target: 90, floor: null, value: 91 })).toBe('GREEN');
  });

  it('within a range: inside GREEN, inside the floor band AMBER, outside RED', () => {
    const kpi = { polarity: 'range' as const, lower: 20, upper: 30, floorLower: 15, floorUpper: 40 };
    expect(ragRating({ ...kpi, value: 25 })).toBe('GREEN');
    expect(ragRating({ ...kpi, value: 20 })).toBe('GREEN');
    expect(ragRating({ ...kpi, value: 17 })).toBe('AMBER');
    expect(ragRating({ ...kpi, value: 40 })).toBe('AMBER');
    expect(ragRating({ ...kpi, value: 41 })).toBe('RED');
    expect(ragRating({ ...kpi, value: 14 })).toBe('RED');
    expect(ragRating({ polarity: 'range', lower: 20, upper: 30, value: 31 })).toBe('RED');
  });

  it('explains inconsistent thresholds', () => {
    expect(() => ragRating({ ref: 'CS04', polarity: 'higher', target: 80, floor: 90, value: 85 })).toThrow(
      /CS04: floor 90 is above target 80/,
    );
    expect(() => ragRating({ polarity: 'lower', target: 15, floor: 10, value: 12 })).toThrow(/floor 10 is below target 15/);
    expect(() => ragRating({ ref: 'HR08', polarity: 'higher', target: 80, value: NaN })).toThrow(/HR08: value must be a number/);
    expect(() => ragRating({ polarity: 'range', lower: 30, upper: 20, value: 25 })).toThrow(/lower bound 30 is above upper bound 20/);
    expect(() => ragRating({ polarity: 'range', lower: 20, upper: 30, floorLower: 25, value: 25 })).toThrow(/must contain the target band/);
  });

  const n = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

  it('an improving value never worsens the rating (higher and lower)', () => {
    fc.assert(
      fc.property(n, n, n, n, (a, b, t, f) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [floor, target] = f <= t ? [f, t] : [t, f];
        const up = (v: number) => RAG_ORDER[ragRating({ polarity: 'higher', value: v, target, floor })];
        expect(up(lo)).toBeLessThanOrEqual(up(hi));
        const down = (v: number) => RAG_ORDER[ragRating({ polarity: 'lower', value: v, target: floor, floor: target })];
        expect(down(hi)).toBeLessThanOrEqual(down(lo));
        // lower-is-better is higher-is-better on negated figures
        expect(ragRating({ polarity: 'lower', value: -lo, target: -target, floor: -floor })).toBe(
          ragRating({ polarity: 'higher', value: lo, target, floor }),
        );
      }),
    );
  });

  it('in a range, moving towards the band never worsens the rating', () => {
    fc.assert(
      fc.property(fc.array(n, { minLength: 5, maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, t) => {
        const [fl, lo, hi, fu, v] = [...xs.slice(0, 4)].sort((x, y) => x - y).concat(xs[4]);
        const kpi = { polarity: 'range' as const, lower: lo, upper: hi, floorLower: fl, floorUpper: fu };
        const target = v < lo ? lo : v > hi ? hi : v;
        const closer = v + (target - v) * t; // somewhere between v and the band
        expect(RAG_ORDER[ragRating({ ...kpi, value: closer })]).toBeGreaterThanOrEqual(RAG_ORDER[ragRating({ ...kpi, value: v })]);
      }),
    );
  });
});

describe('direction of travel', () => {
  it('compares with the previous period by polarity', () => {
    expect(directionOfTravel(92, 90, 'higher')).toBe('improving');
    expect(directionOfTravel(88, 90, 'higher')).toBe('falling');
    expect(directionOfTravel(90, 90, 'higher')).toBe('stable');
    expect(directionOfTravel(12, 15, 'lower')).toBe('improving');
    expect(directionOfTravel(90.04, 90, 'higher', { tolerance: 0.05 })).toBe('stable');
    expect(directionOfTravel(25, 35, 'range', { lower: 20, upper: 30 })).toBe('improving');
    expect(directionOfTravel(22, 28, 'range', { lower: 20, upper: 30 })).toBe('stable');
    expect(directionOfTravel(90, null, 'higher')).toBeNull();
    expect(() => directionOfTravel(1, 2, 'range')).toThrow(/needs its lower and upper bounds/);
  });

  it('has the dashboard symbols', () => {
    expect(directionSymbol('improving')).toBe('↑');
    expect(directionSymbol('falling')).toBe('↓');
    expect(directionSymbol('stable')).toBe('↔');
    for (const d of ['improving', 'falling', 'stable'] as Direction[]) expect(parseDirectionSymbol(directionSymbol(d))).toBe(d);
    expect(parseDirectionSymbol('?')).toBeNull();
  });

  it('swapping the periods swaps improving and falling', () => {
    const flip: Record<Direction, Direction> = { improving: 'falling', falling: 'improving', stable: 'stable' };
    fc.assert(
      fc.property(fc.integer(), fc.integer(), fc.constantFrom('higher' as const, 'lower' as const), (a, b, p) => {
        expect(directionOfTravel(b, a, p)).toBe(flip[directionOfTravel(a, b, p)!]);
      }),
    );
  });
});

describe('expected range and dashboard summary', () => {
  it('places activity indicators against their thresholds', () => {
    expect(expectedRange(50, 40, 60)).toBe('In expected range');
    expect(expectedRange(40, 40, 60)).toBe('In expected range');
    expect(expectedRange(61, 40, 60)).toBe('Above');
    expect(expectedRange(39, 40, 60)).toBe('Below');
    expect(() => expectedRange(1, 60, 40)).toThrow(/lower threshold 60 is above upper threshold 40/);
  });

  it('counts like the printed summary (16 Green, 6 Amber, 1 Red; 8 improving, 6 stable, 9 falling)', () => {
    const rags: Rag[] = [...Array(16).fill('GREEN'), ...Array(6).fill('AMBER'), 'RED'];
    const dirs: Direction[] = [...Array(8).fill('improving'), ...Array(6).fill('stable'), ...Array(9).fill('falling')];
    const indicators: DashboardIndicator[] = rags.map((rag, i) => ({ rag, direction: dirs[i] }));
    indicators.push({ rag: null, direction: null });
    const s = summariseDashboard([...indicators, { range: 'Above' }]);
    expect(s).toMatchObject({ green: 16, amber: 6, red: 1, unrated: 2, improving: 8, stable: 6, falling: 9, noDirection: 2, above: 1, total: 25 });
  });

  it('every indicator is counted once in each dimension', () => {
    const ind = fc.record({
      rag: fc.constantFrom<Rag | null>('GREEN', 'AMBER', 'RED', null),
      direction: fc.constantFrom<Direction | null>('improving', 'stable', 'falling', null),
    });
    fc.assert(
      fc.property(fc.array(ind, { maxLength: 60 }), (list) => {
        const s = summariseDashboard(list);
        expect(s.green + s.amber + s.red + s.unrated).toBe(list.length);
        expect(s.improving + s.stable + s.falling + s.noDirection).toBe(list.length);
        expect(s.green).toBe(list.filter((i) => i.rag === 'GREEN').length);
      }),
    );
  });
});

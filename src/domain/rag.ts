// KPI ratings on performance dashboards (primer §5): RAG against target and floor, direction of
// travel against the previous period, and expected ranges for activity indicators.

export type Rag = 'GREEN' | 'AMBER' | 'RED';
export type Polarity = 'higher' | 'lower' | 'range';
export type Direction = 'improving' | 'stable' | 'falling';
export type RangePosition = 'In expected range' | 'Above' | 'Below';

export const DIRECTION_SYMBOLS: Readonly<Record<Direction, string>> = { improving: '↑', stable: '↔', falling: '↓' };
export const RAG_ORDER: Readonly<Record<Rag, number>> = { RED: 0, AMBER: 1, GREEN: 2 };

/** Thrown for inconsistent thresholds or a value that is not a number. */
export class RagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RagError';
  }
}

export type RagInput =
  | {
      value: number;
      polarity: 'higher' | 'lower';
      target: number;
      /** Floor standard; null or absent means there is none, so anything short of target is RED. */
      floor?: number | null;
      /** Names the indicator in error messages, e.g. "CS04". */
      ref?: string;
    }
  | {
      value: number;
      polarity: 'range';
      /** The target band, inclusive. */
      lower: number;
      upper: number;
      /** The floor band around the target band; absent sides have no AMBER margin. */
      floorLower?: number | null;
      floorUpper?: number | null;
      ref?: string;
    };

function finite(n: number, what: string, ref?: string): void {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new RagError(`${ref ? `${ref}: ` : ''}${what} must be a number, got ${String(n)}`);
  }
}

/**
 * GREEN when the target is met or exceeded, AMBER when short of target but at or above the floor,
 * RED below the floor; "lower is better" mirrors this, and "range" rates distance from a band.
 */
export function ragRating(input: RagInput): Rag {
  const { value, ref } = input;
  finite(value, 'value', ref);
  const at = ref ? `${ref}: ` : '';
  if (input.polarity === 'range') {
    const { lower, upper } = input;
    finite(lower, 'lower bound', ref);
    finite(upper, 'upper bound', ref);
    if (lower > upper) throw new RagError(`${at}lower bound ${lower} is above upper bound ${upper}`);
    const floorLower = input.floorLower ?? lower;
    const floorUpper = input.floorUpper ?? upper;
    finite(floorLower, 'lower floor', ref);
    finite(floorUpper, 'upper floor', ref);
    if (floorLower > lower || floorUpper < upper) {
      throw new RagError(`${at}the floor band ${floorLower}–${floorUpper} must contain the target band ${lower}–${upper}`);
    }
    if (value >= lower && value <= upper) return 'GREEN';
    if (value >= floorLower && value <= floorUpper) return 'AMBER';
    return 'RED';
  }
  if (input.polarity !== 'higher' && input.polarity !== 'lower') {
    throw new RagError(`${at}polarity must be "higher", "lower" or "range", got ${JSON.stringify(input.polarity)}`);
  }
  const { target } = input;
  finite(target, 'target', ref);
  const floor = input.floor ?? null;
  if (floor !== null) finite(floor, 'floor', ref);
  // Mirror lower-is-better onto higher-is-better so one comparison serves both.
  const sign = input.polarity === 'higher' ? 1 : -1;
  if (floor !== null && sign * floor > sign * target) {
    throw new RagError(
      `${at}floor ${floor} is ${sign > 0 ? 'above' : 'below'} target ${target}, which cannot be for "${input.polarity} is better"`,
    );
  }
  if (sign * value >= sign * target) return 'GREEN';
  if (floor !== null && sign * value >= sign * floor) return 'AMBER';
  return 'RED';
}

export interface DirectionOptions {
  /** Band for 'range' polarity: moving closer to it is improving. */
  lower?: number;
  upper?: number;
  /** Changes no larger than this count as stable (default 0: any change counts). */
  tolerance?: number;
}

/** Compares a period with the one before; null when there is no previous value. */
export function directionOfTravel(
  current: number,
  previous: number | null,
  polarity: Polarity,
  options: DirectionOptions = {},
): Direction | null {
  finite(current, 'current value');
  if (previous === null) return null;
  finite(previous, 'previous value');
  const tolerance = options.tolerance ?? 0;
  let gain: number; // positive when performance got better
  if (polarity === 'higher') gain = current - previous;
  else if (polarity === 'lower') gain = previous - current;
  else if (polarity === 'range') {
    const { lower, upper } = options;
    if (lower === undefined || upper === undefined) {
      throw new RagError('direction of travel for a "range" indicator needs its lower and upper bounds');
    }
    gain = distanceFromBand(previous, lower, upper) - distanceFromBand(current, lower, upper);
  } else {
    throw new RagError(`polarity must be "higher", "lower" or "range", got ${JSON.stringify(polarity)}`);
  }
  if (Math.abs(gain) <= tolerance) return 'stable';
  return gain > 0 ? 'improving' : 'falling';
}

function distanceFromBand(v: number, lower: number, upper: number): number {
  return v < lower ? lower - v : v > upper ? v - upper : 0;
}

export function directionSymbol(d: Direction): string {
  return DIRECTION_SYMBOLS[d];
}

/** Reads an arrow as printed on a dashboard (↑ ↓ ↔, also ⇧ ⇩ ⬆ ⬇ and ASCII "up"/"down"/"same"). */
export function parseDirectionSymbol(s: string): Direction | null {
  const t = s.trim().toLowerCase();
  if (['↑', '⇧', '⬆', 'up', 'improving'].includes(t)) return 'improving';
  if (['↓', '⇩', '⬇', 'down', 'falling', 'worsening'].includes(t)) return 'falling';
  if (['↔', '⇔', '⬌', '→', 'same', 'stable', 'no change'].includes(t)) return 'stable';
  return null;
}

/** Activity indicators carry no RAG, only where the value sits against its expected thresholds (inclusive). */
export function expectedRange(value: number, lower: number, upper: number): RangePosition {
  finite(value, 'value');
  finite(lower, 'lower threshold');
  finite(upper, 'upper threshold');
  if (lower > upper) throw new RagError(`lower threshold ${lower} is above upper threshold ${upper}`);
  if (value < lower) return 'Below';
  if (value > upper) return 'Above';
  return 'In expected range';
}

export interface DashboardIndicator {
  rag?: Rag | null;
  direction?: Direction | null;
  range?: RangePosition | null;
}

export interface DashboardSummary {
  green: number;
  amber: number;
  red: number;
  /** Indicators with no RAG (activity indicators, or no data yet). */
  unrated: number;
  improving: number;
  stable: number;
  falling: number;
  /** Indicators with no direction of travel (first period). */
  noDirection: number;
  inExpectedRange: number;
  above: number;
  below: number;
  total: number;
}

/** The counts a dashboard prints ("16 Green, 6 Amber, 1 Red; 8 improving, 6 stable, 9 falling"). */
export function summariseDashboard(indicators: readonly DashboardIndicator[]): DashboardSummary {
  const s: DashboardSummary = {
    green: 0,
    amber: 0,
    red: 0,
    unrated: 0,
    improving: 0,
    stable: 0,
    falling: 0,
    noDirection: 0,
    inExpectedRange: 0,
    above: 0,
    below: 0,
    total: indicators.length,
  };
  for (const i of indicators) {
    if (i.rag === 'GREEN') s.green++;
    else if (i.rag === 'AMBER') s.amber++;
    else if (i.rag === 'RED') s.red++;
    else s.unrated++;
    if (i.direction === 'improving') s.improving++;
    else if (i.direction === 'stable') s.stable++;
    else if (i.direction === 'falling') s.falling++;
    else s.noDirection++;
    if (i.range === 'In expected range') s.inExpectedRange++;
    else if (i.range === 'Above') s.above++;
    else if (i.range === 'Below') s.below++;
  }
  return s;
}

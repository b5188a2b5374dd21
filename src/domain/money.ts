// Money as printed in agenda packs, and the arithmetic of budget-monitoring tables (primer §5, §7).
// Amounts are held as a whole number of PENCE (a JavaScript number, exact up to about £90 trillion),
// so sums of parsed figures never pick up binary floating-point error.

export type Pence = number;

/** The unit a bare figure is printed in, e.g. a table headed "£'000s" is 'thousands'. */
export type MoneyUnit = 'pounds' | 'thousands' | 'millions' | 'billions';

const UNIT_EXPONENT: Readonly<Record<MoneyUnit, number>> = { pounds: 0, thousands: 3, millions: 6, billions: 9 };
const SUFFIX_UNIT: Readonly<Record<string, MoneyUnit>> = {
  k: 'thousands',
  m: 'millions',
  mn: 'millions',
  million: 'millions',
  bn: 'billions',
  billion: 'billions',
};

/** Thrown for a figure that cannot be read as money; the message quotes it. */
export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export interface ParseMoneyOptions {
  /** Unit of a figure with no k/m/bn suffix (default 'pounds'); a suffix always wins. */
  unit?: MoneyUnit;
}

/**
 * The unit a table column heading declares: "£'000s", "£000", "£k" → thousands; "£m", "£ million" →
 * millions; "£bn" → billions; "£" → pounds. Null when the heading names no unit.
 */
export function moneyUnitFromHeading(heading: string): MoneyUnit | null {
  const h = heading.toLowerCase().replace(/['\u2018\u2019`]/g, '');
  const m = /£\s*(000s?|0,000s?|k|thousands?|m|mn|millions?|bn|billions?)?(?![a-z0-9])/.exec(h);
  if (!m) return null;
  const word = m[1] ?? '';
  if (word === '') return 'pounds';
  if (/^(0|k|t)/.test(word)) return 'thousands';
  if (word.startsWith('m')) return 'millions';
  return 'billions';
}

const DASHES = /[\u2010-\u2015\u2212]/g; // hyphens, en/em dashes and the minus sign, as PDFs print them
const MONEY_RE =
  /^([+-])?\s*(?:£\s*([+-])?)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(k|m|mn|million|bn|billion)?$/i;
const NUMBER_RE = /^(\d+)(?:\.(\d+))?$/;

/**
 * Reads "£0.199m", "-£0.547m", "£-3.745m", "(-1.048m)" and "(1.048m)" (brackets mean negative),
 * "£4,118k", "£11m", "+0.440", or "336,806" with `unit: 'thousands'`. A lone dash means nil.
 * Returns pence, rounding half away from zero below a penny. Returns null when unreadable.
 */
export function tryParseMoney(s: string, options: ParseMoneyOptions = {}): Pence | null {
  let t = s.trim().replace(DASHES, '-');
  if (/^-+$/.test(t) || /^nil$/i.test(t)) return 0;
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) {
    negative = true;
    t = bracketed[1].trim();
  }
  const m = MONEY_RE.exec(t);
  if (!m) return null;
  if (m[1] && m[2]) return null; // "-£-3m": two signs
  const sign = m[1] ?? m[2];
  if (sign === '-') negative = true;
  const unit = m[4] ? SUFFIX_UNIT[m[4].toLowerCase()] : (options.unit ?? 'pounds');
  const pence = toPence(m[3].replace(/,/g, ''), UNIT_EXPONENT[unit] + 2);
  if (pence === null) return null;
  return negative && pence !== 0 ? -pence : pence;
}

export function parseMoney(s: string, options: ParseMoneyOptions = {}): Pence {
  const p = tryParseMoney(s, options);
  if (p === null) {
    throw new MoneyError(`${JSON.stringify(s)} is not an amount of money such as "£0.199m", "(1.048m)" or "336,806"`);
  }
  return p;
}

/** Decimal digits × 10^shift, rounded half away from zero, with integer arithmetic throughout. */
function toPence(digits: string, shift: number): number | null {
  const m = NUMBER_RE.exec(digits.startsWith('.') ? `0${digits}` : digits);
  if (!m) return null;
  const whole = m[1];
  const frac = m[2] ?? '';
  const kept = frac.slice(0, shift).padEnd(shift, '0');
  const dropped = frac.slice(shift);
  let n = BigInt(whole + kept);
  if (dropped !== '' && Number(dropped[0]) >= 5) n += 1n;
  const out = Number(n);
  return Number.isSafeInteger(out) ? out : null;
}

export interface FormatMoneyOptions {
  /** 'pounds' → "£1,234.56", 'thousands' → "£4,118k", 'millions' → "£0.199m" (default 'pounds'). */
  unit?: MoneyUnit;
  /** Decimal places (default: 2 for pounds with pence, else 0; 0 for thousands; 3 for millions and billions). */
  decimals?: number;
  /** "-£0.547m" (default) or "(£0.547m)". */
  negative?: 'minus' | 'brackets';
  /** Print the £ sign and unit suffix (default true); false gives a bare table figure such as "336,806". */
  symbol?: boolean;
}

const UNIT_SUFFIX: Readonly<Record<MoneyUnit, string>> = { pounds: '', thousands: 'k', millions: 'm', billions: 'bn' };

export function formatMoney(pence: Pence, options: FormatMoneyOptions = {}): string {
  if (!Number.isSafeInteger(pence)) throw new MoneyError(`amount must be a whole number of pence, got ${pence}`);
  const unit = options.unit ?? 'pounds';
  if (!(unit in UNIT_EXPONENT)) throw new MoneyError(`unknown money unit ${JSON.stringify(unit)}`);
  const exp = UNIT_EXPONENT[unit] + 2; // pence per unit = 10^exp
  const decimals =
    options.decimals ?? (unit === 'pounds' ? (pence % 100 === 0 ? 0 : 2) : unit === 'thousands' ? 0 : 3);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
    throw new MoneyError(`decimals must be a whole number from 0 to 12, got ${decimals}`);
  }
  // Scale to an integer count of the last printed decimal place, rounding half away from zero.
  let scaled = BigInt(Math.abs(pence));
  const drop = exp - decimals;
  if (drop > 0) {
    const div = 10n ** BigInt(drop);
    scaled = (scaled * 2n + div) / (div * 2n);
  } else if (drop < 0) {
    scaled *= 10n ** BigInt(-drop);
  }
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals);
  const body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (decimals > 0 ? `.${frac}` : '');
  const isNegative = pence < 0 && scaled !== 0n;
  const symbol = options.symbol ?? true;
  const text = symbol ? `£${body}${UNIT_SUFFIX[unit]}` : body;
  if (!isNegative) return text;
  return options.negative === 'brackets' ? `(${text})` : `-${text}`;
}

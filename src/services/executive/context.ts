// What every use-case of the executive cycle needs: the council's working calendar and its constitution's numbers
// (council settings "executive"), and turning a rule's refusal into a field-named validation error.
import { createWorkingCalendar, type WorkingCalendar } from '../../domain/calendar.js';
import { assertIsoDate, InvalidDateError } from '../../domain/dates.js';
import { ExecutiveRuleError, executiveRules, type ExecutiveRules, type RuleProblem } from '../../domain/executive.js';
import type { Actor } from '../../domain/types.js';
import { ValidationError } from '../../errors.js';
import { getCouncil } from '../../store/council.js';
import type { Queryable } from '../../store/db.js';

export interface CycleContext {
  calendar: WorkingCalendar;
  rules: ExecutiveRules;
}

export async function cycleContext(db: Queryable): Promise<CycleContext> {
  const council = await getCouncil(db);
  const raw = (council?.settings ?? {}) as { executive?: Parameters<typeof executiveRules>[0] };
  let rules: ExecutiveRules;
  try {
    rules = executiveRules(raw.executive ?? {});
  } catch (e) {
    throw e instanceof ExecutiveRuleError ? new ValidationError(`the council's executive settings: ${e.message}`, `executive.${e.field}`) : e;
  }
  return { calendar: createWorkingCalendar({ extraClosures: council?.settings.extraClosures ?? [] }), rules };
}

/** Runs a pure rule, turning its refusal into a ValidationError naming the field. */
export function ruled<T>(fn: () => T, prefix = ''): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ExecutiveRuleError) throw new ValidationError(e.message, prefix + e.field);
    if (e instanceof InvalidDateError) throw new ValidationError(e.message, e.field ?? null);
    throw e;
  }
}

export function refuse(problems: readonly RuleProblem[]): never {
  throw new ValidationError(problems[0].message, problems[0].field);
}

export function required(value: string | null | undefined, field: string, message: string): string {
  const v = value?.trim();
  if (!v) throw new ValidationError(message, field);
  return v;
}

export function dateField(value: string | null | undefined, field: string, what: string, optional = false): string | null {
  if (value == null || value === '') {
    if (optional) return null;
    throw new ValidationError(`enter ${what}`, field);
  }
  try {
    assertIsoDate(value, field);
  } catch {
    throw new ValidationError(`${what} must be a real date (YYYY-MM-DD), not "${value}"`, field);
  }
  return value;
}

export const actorLabel = (a: Actor) => a.name;

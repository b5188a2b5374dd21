// Reading workspace forms: zod schemas at the edge, GOV.UK error-summary messages that name the field and say
// what is wrong, dates from govukDateInput's three boxes, and ids from the URL.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isIsoDate } from '../../../domain/dates.js';
import type { Actor } from '../../../domain/types.js';
import { actorOf } from '../../../services/accounts.js';

// The form helpers every page shares (one error formatter, one form-post helper); the workspace's own follow.
export { asFieldError, errorPage, errorSummary, formOf, parseForm, postForm, type FieldError, type Form, type Parsed } from '../../forms.js';

export function str(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** Repeated fields (checkboxes, several inputs of one name) as a list. */
export function list(form: Record<string, unknown>, name: string): string[] {
  const v = form[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** "YYYY-MM-DD" from a govukDateInput named `name` ('' when all three boxes are empty). */
export function dateOf(form: Record<string, unknown>, name: string): string {
  const d = str(form, `${name}-day`).trim();
  const m = str(form, `${name}-month`).trim();
  const y = str(form, `${name}-year`).trim();
  if (!d && !m && !y) return '';
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The three boxes' values as entered, for redisplaying a date field after an error. */
export function enteredDate(form: Record<string, unknown>, name: string): { day: string; month: string; year: string } {
  return { day: str(form, `${name}-day`), month: str(form, `${name}-month`), year: str(form, `${name}-year`) };
}

/** The three boxes' values for redisplaying a date. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])) } : { day: '', month: '', year: '' };
}

export const requiredText = (message: string, max = 500) =>
  z.string({ error: message }).trim().min(1, { error: message }).max(max, { error: `${message.replace(/^Enter /, 'The ')} must be ${max} characters or fewer` });

export const optionalText = (label: string, max = 2000) =>
  z.string().optional().transform((s) => (s ?? '').trim())
    .refine((s) => s.length <= max, { error: `${label} must be ${max} characters or fewer` })
    .transform((s) => (s === '' ? null : s));

/** A required date from govukDateInput; `label` is how the page names the field. */
export const isoDate = (label: string) =>
  z.string().refine((s) => s !== '', { error: `Enter the ${label}` }).refine((s) => s === '' || isIsoDate(s), { error: `The ${label} must be a real date, for example 27 3 2025` });

export const clockTime = (label: string) =>
  z.string().trim().refine((s) => /^([01]?\d|2[0-3])[:.][0-5]\d$/.test(s), { error: `Enter the ${label} as hours and minutes on the 24-hour clock, for example 10:00 or 14:30` })
    .transform((s) => s.replace('.', ':').padStart(5, '0'));

export const idOf = (message: string) => z.coerce.number({ error: message }).int({ error: message }).positive({ error: message });

export const checkbox = z.union([z.string(), z.array(z.string())]).optional().transform((v) => v !== undefined && v !== '');

export function choice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/** A positive id from the URL, or null. */
export function paramId(request: FastifyRequest, name = 'id'): number | null {
  const raw = (request.params as Record<string, string>)[name];
  const n = Number(raw);
  return /^\d+$/.test(raw ?? '') && Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function actor(request: FastifyRequest): Actor {
  return actorOf(request.account!);
}

/** Lines of a textarea, trimmed, blank lines dropped. */
export function lines(text: string | null | undefined): string[] {
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** A message to follow a colon: its capital dropped, unless it starts an acronym or a name like "RESOLVED". */
export function inSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) && !/^(I|Mr|Mrs|Ms|Dr|Cllr)\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

// Form helpers shared by the account and admin pages: the GOV.UK error-summary pattern and reading fields.
import { ValidationError } from '../../../errors.js';

export interface FieldError {
  field: string;
  text: string;
}

/** What the templates need: the summary list (linking to each field) and each field's message. */
export function errorContext(errors: FieldError[]) {
  const byField: Record<string, { text: string }> = {};
  for (const e of errors) byField[e.field] ??= { text: e.text };
  return { errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })), fieldErrors: byField };
}

/** A ValidationError from the store, as a field error (on `fallbackField` when it names none). */
export function fieldErrorOf(e: unknown, fallbackField: string): FieldError | null {
  if (!(e instanceof ValidationError)) return null;
  const text = e.message.charAt(0).toUpperCase() + e.message.slice(1);
  return { field: e.field ?? fallbackField, text };
}

/** A string field of a urlencoded body ('' when absent or not a string). */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}

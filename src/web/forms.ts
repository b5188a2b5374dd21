// Forms on every page that has them (account, admin, alerts, author, councillor, workspace): GOV.UK Pay's thin
// controller shape. One error formatter (the GOV.UK error summary linking to each field, and each field's own
// message), a service's ValidationError as a field error, and one form-post helper: read, check, call the service,
// then 303 to the next page, or the same page again with status 400 and the errors.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ValidationError } from '../errors.js';

export { errorPage } from '../http/error-page.js';

export interface FieldError {
  field: string;
  text: string;
}

export type ErrorSummary = {
  errorList: { text: string; href: string }[];
  fieldErrors: Record<string, { text: string }>;
};

/**
 * What the templates need: the summary list (each linking to its field; for govukDateInput fields, named in
 * `dateFields`, to the day box) and each field's first message.
 */
export function errorSummary(errors: FieldError[], dateFields: readonly string[] = []): ErrorSummary {
  const fieldErrors: Record<string, { text: string }> = {};
  for (const e of errors) fieldErrors[e.field] ??= { text: e.text };
  return { errorList: errors.map((e) => ({ text: e.text, href: `#${dateFields.includes(e.field) ? `${e.field}-day` : e.field}` })), fieldErrors };
}

/** A service's ValidationError as a field error (on `fallbackField` when it names none); null for anything else. */
export function fieldErrorOf(e: unknown, fallbackField: string): FieldError | null {
  if (!(e instanceof ValidationError)) return null;
  const text = e.message.charAt(0).toUpperCase() + e.message.slice(1);
  return { field: e.field ?? fallbackField, text };
}

/** A service's ValidationError as a field error; anything else is rethrown. */
export function asFieldError(e: unknown, fallback: string): FieldError {
  const fe = fieldErrorOf(e, fallback);
  if (!fe) throw e;
  return fe;
}

/** A string field of a urlencoded body ('' when absent or not a string). */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
}

/** The body as a plain object of strings and string arrays. */
export function formOf(body: unknown): Record<string, string | string[]> {
  return body && typeof body === 'object' ? (body as Record<string, string | string[]>) : {};
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Parses with zod; each issue becomes an error on the field it is about (its schema gives the message). */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of r.error.issues) {
    const name = String(issue.path[0] ?? 'form');
    if (seen.has(name)) continue;
    seen.add(name);
    errors.push({ field: name, text: issue.message });
  }
  return { ok: false, errors };
}

export type Form = Record<string, string | string[]>;

/** How a form is read: a zod schema, or a function giving the data or the field errors (checks zod cannot state). */
export type FormReader<T> = z.ZodType<T> | ((form: Form) => Parsed<T> | Promise<Parsed<T>>);

export interface FormPost<T> {
  /** Reads the form; without it the data is the form as posted (a button with no fields). */
  schema?: FormReader<T>;
  /** The field a service's ValidationError is shown on when it names none. */
  fallbackField: string;
  /** govukDateInput fields (their summary links go to the day box). */
  dateFields?: readonly string[];
  /** Restates a service's refusal for this page (e.g. on the row or button it is about). */
  refusal?: (error: FieldError) => FieldError;
  /** Other errors the service throws that are refusals to show on the form, one or several (null: not one, rethrown). */
  refused?: (thrown: unknown) => FieldError | FieldError[] | null;
  /**
   * Calls the service; returns where to go next (303), or the reply when it showed a page itself. A ValidationError
   * it throws (its own checks may throw one naming the field) re-renders the form.
   */
  save: (data: T, form: Form) => Promise<string | FastifyReply>;
  /** Renders the form again with what was typed and the errors (sent with status 400). */
  rerender: (form: Form, errors: ErrorSummary) => unknown;
}

async function read<T>(reader: FormReader<T> | undefined, form: Form): Promise<Parsed<T>> {
  if (!reader) return { ok: true, data: form as T };
  return typeof reader === 'function' ? reader(form) : parseForm(reader, form);
}

/** The form-post skeleton: parse, save, 303; or the form again with 400 and the GOV.UK error summary. */
export async function postForm<T = Form>(request: FastifyRequest, reply: FastifyReply, post: FormPost<T>) {
  const form = formOf(request.body);
  const parsed = await read(post.schema, form);
  let errors = parsed.ok ? [] : parsed.errors;
  if (parsed.ok) {
    try {
      const next = await post.save(parsed.data, form);
      return typeof next === 'string' ? reply.redirect(next, 303) : next;
    } catch (e) {
      const other = post.refused?.(e);
      if (other) errors = Array.isArray(other) ? other : [other];
      else {
        const fe = asFieldError(e, post.fallbackField);
        errors = [post.refusal ? post.refusal(fe) : fe];
      }
    }
  }
  reply.code(400);
  return post.rerender(form, errorSummary(errors, post.dateFields));
}

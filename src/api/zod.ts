// Requests checked with zod: one schema per route part both validates (before the handler, after the guard) and,
// turned into JSON Schema, documents the operation in the OpenAPI document. A failure is the API's one error body
// (problem details, RFC 9457) with a sentence naming the field and the field's dotted path.
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../errors.js';

type Part = 'body' | 'params' | 'querystring';
export interface ZodParts {
  body?: z.ZodType;
  params?: z.ZodType;
  querystring?: z.ZodType;
}

/** What a client sends, as JSON Schema (draft 2020-12, as OpenAPI 3.1 has it). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const valueAt = (data: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), data);

/** The first problem zod found, as a sentence naming the field, and the field's dotted path. */
export function describeIssue(error: z.ZodError, data: unknown, part: Part): { message: string; field: string } {
  const issue = error.issues[0];
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]);
  const field = path.join('.') || part;
  const where = part === 'querystring' ? 'query parameter' : part === 'params' ? 'path parameter' : 'field';
  const the = `The ${where} "${field}"`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return { field, message: `${the} is not recognised` };
    case 'invalid_type':
      return { field, message: valueAt(data, issue.path) === undefined ? `${the} is required` : `${the} must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}` };
    case 'invalid_value':
      return { field, message: `${the} must be one of: ${issue.values.map(String).join(', ')}` };
    case 'too_small':
      return { field, message: issue.origin === 'string' && Number(issue.minimum) === 1 ? `${the} must not be empty`
        : issue.origin === 'number' && !issue.inclusive ? `${the} must be more than ${String(issue.minimum)}`
        : `${the} must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : ''}` };
    case 'too_big':
      return { field, message: `${the} must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : ''}` };
    case 'invalid_format':
      if (issue.format === 'date') return { field, message: `${the} must be a date, YYYY-MM-DD` };
      if (issue.format === 'email') return { field, message: `${the} must be an email address, like name@example.gov.uk` };
      // A pattern: its own message when the schema gives one ("must be a time, HH:MM …").
      if (issue.format === 'regex') return { field, message: /^Invalid/.test(issue.message) ? `${the} is not in the expected form` : `${the} ${issue.message}` };
      return { field, message: `${the} must be a ${issue.format}` };
    default:
      // Our own messages (refinements) say what is wrong after the field's name.
      return { field, message: `${the}: ${issue.message}` };
  }
}

/** Parses one part of a request; a failure is a ValidationError naming the field. */
export function parseWith<T extends z.ZodType>(schema: T, data: unknown, part: Part = 'body'): z.output<T> {
  const input = data === null && part !== 'params' ? {} : data;
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const { message, field } = describeIssue(r.error, input, part);
  throw new ValidationError(message, field);
}

/**
 * Route options for zod-checked parts: the JSON Schema of each for the OpenAPI document, and a validator compiler
 * that parses with zod instead (transforms and refinements apply; the handler gets what zod gives).
 */
export function zodRoute(parts: ZodParts, doc: FastifySchema = {}): { schema: FastifySchema; validatorCompiler: FastifySchemaCompiler<unknown> } {
  const schema: FastifySchema = { ...doc };
  for (const part of ['body', 'params', 'querystring'] as const) if (parts[part]) schema[part] = jsonSchemaOf(parts[part]);
  return {
    schema,
    validatorCompiler: ({ httpPart }) => {
      const part = httpPart as Part;
      const zodSchema = parts[part];
      return (data: unknown) => {
        if (!zodSchema) return { value: data };
        try {
          return { value: parseWith(zodSchema, data, part) };
        } catch (e) {
          return { error: e as Error };
        }
      };
    },
  };
}

/** A numeric id in the path. */
export const idParams = z.strictObject({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });

/** A record's web address name (slug) in the path. */
export const slugParam = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]+$/).max(200) });

/** An optional text: trimmed, empty as null. */
export const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((s) => (s ? s : null));

/** A text in a change (PATCH): absent keeps the record's value; null or blank clears it. */
export const changedText = (max: number) => z.string().trim().max(max).nullable().transform((s) => (s ? s : null)).optional();

/** A required text: trimmed, not empty. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const isoDate = z.iso.date();

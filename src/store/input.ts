// The store's writers check text people typed against the domain's input rules (src/domain/input.ts) before it is
// written, so every adapter (API, workspace, CLI, importer) gets the same clear error.
import { nameProblem, webUrlProblem } from '../domain/input.js';
import { ValidationError } from '../errors.js';

/** Throws a ValidationError for the first name or title ([field, what, value]) holding a control character. */
export function checkNames(...fields: [field: string, what: string, value: string | null | undefined][]): void {
  for (const [field, what, value] of fields) {
    const problem = nameProblem(value, what);
    if (problem) throw new ValidationError(problem, field);
  }
}

/** Throws a ValidationError unless the web address is empty or http(s). */
export function checkWebUrl(field: string, what: string, value: string | null | undefined): void {
  const problem = webUrlProblem(value, what);
  if (problem) throw new ValidationError(problem, field);
}

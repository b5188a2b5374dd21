// The one error the reading layer throws for bad input: it names the file (and page, when one page is
// at fault) and says what is wrong and what to do, so a clerk can act on it without a stack trace.
import { basename } from 'node:path';

export class ImportInputError extends Error {
  override readonly name = 'ImportInputError';
  /** the path or source name the user gave */
  readonly file: string;
  /** 1-based PDF page at fault, when the problem is on one page */
  readonly page?: number;
  /** the explanation without the file/page prefix */
  readonly detail: string;

  constructor(file: string, detail: string, opts: { page?: number; cause?: unknown } = {}) {
    const where = opts.page !== undefined ? `${basename(file)}, page ${opts.page}` : basename(file) || file;
    super(`${where}: ${detail}`, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.file = file;
    this.detail = detail;
    if (opts.page !== undefined) this.page = opts.page;
  }
}

export function isImportInputError(e: unknown): e is ImportInputError {
  return e instanceof ImportInputError;
}

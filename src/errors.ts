// Errors meant for the person using Moot: one line saying what is wrong and what to do.
// The CLI prints `moot: <message>` and exits with `exitCode`; the web layer shows the message in the page.

export class MootError extends Error {
  readonly exitCode: number;
  readonly hint: string | null;
  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MootError';
    this.exitCode = options.exitCode ?? 2;
    this.hint = options.hint ?? null;
  }

  /** The one line shown to a user. */
  get line(): string {
    return this.hint ? `${this.message}. ${this.hint}` : this.message;
  }
}

/** Input that failed validation: says which field and why. */
export class ValidationError extends MootError {
  readonly field: string | null;
  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = 'ValidationError';
    this.field = field;
  }
}

export class NotFoundError extends MootError {
  constructor(what: string) {
    super(`${what} was not found`);
    this.name = 'NotFoundError';
  }
}

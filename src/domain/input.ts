// What the record accepts as text people type: names and titles on one line without control characters, and web
// addresses only with http or https. Pure; the store's writers ask it, so the API, the workspace, the CLI and the
// importer cannot drift.

/** C0 control characters (NUL, escape, line breaks, tab…) and DEL, which no name or title may contain. */
const CONTROL = /[\u0000-\u001f\u007f]/;

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A problem with a one-line name or title (`what`, e.g. "The body's name"), or null. */
export function nameProblem(value: string | null | undefined, what: string): string | null {
  if (value == null) return null;
  const m = CONTROL.exec(value);
  if (m) return `${what} contains a control character (${codePoint(m[0])}); type it again without it`;
  return null;
}

/** The schemes a stored web address may have: anything else (javascript:, data:, file:…) could run or read. */
const WEB_SCHEMES = ['http:', 'https:'];

/** A problem with a web address someone entered (`what`, e.g. "The webcast address"), or null. Empty is allowed. */
export function webUrlProblem(value: string | null | undefined, what: string): string | null {
  if (value == null || value === '') return null;
  if (CONTROL.test(value) || /\s/.test(value)) return `${what} must be one web address without spaces or control characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${what} must be a full web address starting with https:// (or http://), not "${value.slice(0, 80)}"`;
  }
  if (!WEB_SCHEMES.includes(url.protocol)) return `${what} must start with https:// (or http://), not ${url.protocol}`;
  if (url.username || url.password) return `${what} must not carry a user name or password`;
  return null;
}

/** For links rendered from stored data: the address when it is a web address, else null (never a javascript: link). */
export function safeWebUrl(value: string | null | undefined): string | null {
  return value && !webUrlProblem(value, 'address') ? value : null;
}

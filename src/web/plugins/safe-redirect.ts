// Where to send someone after signing in: only a path on this site. Anything that a browser could read as another
// origin (//evil, /\evil, http:, javascript:, their percent-encoded forms, control characters) falls back.
const ORIGIN = 'http://moot.invalid';

export function safeLocalPath(next: unknown, fallback = '/account'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!everyDecodingPlain(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  // Check the NORMALISED path too: "/..//evil" and "/%2e%2e//evil" normalise to "//evil", which a browser reads
  // as another origin.
  const out = url.pathname + url.search + url.hash;
  return everyDecodingPlain(out) ? out : fallback;
}

/** Look at every decoding of the value, so %2F%2Fevil or %5Cevil cannot slip past a check on the raw text. */
function everyDecodingPlain(value: string): boolean {
  let candidate = value;
  for (let i = 0; i < 3; i++) {
    if (!isPlainLocalPath(candidate)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(candidate);
    } catch {
      return false;
    }
    if (decoded === candidate) return true;
    candidate = decoded;
  }
  return isPlainLocalPath(candidate);
}

function isPlainLocalPath(s: string): boolean {
  if (!s.startsWith('/')) return false;
  if (s.startsWith('//')) return false;
  if (s.includes('\\')) return false;
  if (/[\u0000-\u001f\u007f]/.test(s)) return false;
  return true;
}

// Values shared between requests (the read cache's rows, the pages computed from them) are deep-frozen: nobody can
// change one after it is made. A deep-frozen value made only of plain objects, arrays and primitives is known by its
// identity: the same object is the same content for as long as it lives, so a memo can key on it without reading it
// (views.ts's render memo does). A value holding anything else (a Date, a Buffer, a Map: their contents can change
// under Object.freeze) is frozen as far as it can be but not known by identity.
const IMMUTABLE = new WeakSet<object>();
const SEEN = new WeakSet<object>();

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/** Freezes `value` and everything reachable from it (typed arrays aside); returns it. */
export function deepFreeze<T>(value: T): T {
  freeze(value);
  return value;
}

/** Freezes; true when the value can never change at all (primitives, and plain objects of such values). */
function freeze(value: unknown): boolean {
  if (!value || typeof value !== 'object') return typeof value !== 'function';
  if (IMMUTABLE.has(value)) return true;
  if (SEEN.has(value)) return false; // a cycle, or frozen before and holding something mutable
  SEEN.add(value);
  if (ArrayBuffer.isView(value)) return false;
  Object.freeze(value);
  let immutable = isPlain(value);
  for (const v of Object.values(value)) if (!freeze(v)) immutable = false;
  if (immutable) IMMUTABLE.add(value);
  return immutable;
}

/** True for a value deepFreeze made that can never change: plain objects and arrays of primitives, all the way down. */
export function isDeepFrozen(value: object): boolean {
  return IMMUTABLE.has(value);
}

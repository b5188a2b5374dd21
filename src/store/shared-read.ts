// Reads that requests running at once may share (issues 16, 17): a caller that comes while the read is in flight
// waits for the next one, sent when that one is back, and shares it with everyone else who came meanwhile. Never the
// read in flight: it may have taken its snapshot before a change the caller must see (a write acknowledged to it by
// another process). Under load a server's concurrent requests then cost the database two reads, not one each.

interface Reads<T> {
  running: Promise<T> | null;
  next: Promise<T> | null;
}

/** `read` shared per key (a store, a connection) as above; a failed read fails the callers who shared it. */
export function sharedRead<K extends object, T>(read: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const byKey = new WeakMap<K, Reads<T>>();
  const send = (key: K, reads: Reads<T>): Promise<T> => {
    const p = read(key);
    reads.running = p;
    const done = () => {
      if (reads.running === p) reads.running = null;
    };
    p.then(done, done);
    return p;
  };
  return (key) => {
    let reads = byKey.get(key);
    if (!reads) byKey.set(key, (reads = { running: null, next: null }));
    const { running } = reads;
    if (!running) return send(key, reads);
    if (reads.next) return reads.next;
    const r = reads;
    const after = () => {
      r.next = null;
      return send(key, r);
    };
    return (r.next = running.then(after, after));
  };
}

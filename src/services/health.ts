// Is this process able to serve? Liveness is the process answering at all; readiness is the database answering
// within a couple of seconds. Errors from a database that is down or restarting are told apart from faults, so
// requests fail cleanly with 503 and recover on their own when it is back.
import { isDatabaseUnavailable, pingStore, type Store } from '../store/db.js';

export { isDatabaseUnavailable };

export async function databaseReady(store: Store, timeoutMs = 2000): Promise<{ ok: boolean; error?: string; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      pingStore(store),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs); }),
    ]);
    return { ok: true, ms: Date.now() - started };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message.split('\n')[0] : String(e), ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

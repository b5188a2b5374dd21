// One worker thread kept for CPU-bound work that splits in two (reading a long PDF's pages, laying out a pack's
// generated papers): on two cores the calling thread does one half while the worker does the other. The worker is
// started on first use and kept, unreferenced while idle so that it never holds the process open. Where no worker
// can run (its module is not there, it cannot start, it dies) an answer is null and the caller does the work itself,
// so the result never depends on whether a worker helped.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** A worker's answer carries the id of the request it answers. */
interface Answer {
  id: number;
}

/**
 * The worker module beside `moduleUrl` (an `import.meta.url`), named `name` with that module's own extension: the
 * compiled `.js` in production; the `.ts` source when running under tsx (benches, the development server), whose
 * loader the worker then registers for itself. Null when it is not there.
 */
function workerScript(moduleUrl: string, name: string): { url: URL; viaTsx: boolean } | null {
  const ext = moduleUrl.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./${name}${ext}`, moduleUrl);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return null;
  return { url, viaTsx: ext === '.ts' };
}

function startWorker(script: { url: URL; viaTsx: boolean }, resourceLimits?: ResourceLimits, workerData?: unknown): Worker | null {
  if (!script.viaTsx) return new Worker(script.url, { resourceLimits, workerData });
  let tsx: string;
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    return null; // sources without tsx (a test runner's own loader): the caller does the work itself
  }
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script.url.href)}); })`;
  return new Worker(boot, { eval: true, resourceLimits, workerData });
}

export class WorkerSlot<Request, A extends Answer> {
  private worker: Worker | null | undefined; // undefined: not started yet; null: cannot run here
  private readonly pending = new Map<number, (a: A | null) => void>();
  private nextId = 1;
  private answered = false;

  private closed = false;

  /**
   * `moduleUrl` and `name` locate the worker module (see workerScript); it answers each `{ id, ...request }`.
   * `workerData` is handed to the worker when it starts (a search thread's database file).
   */
  constructor(
    private readonly moduleUrl: string,
    private readonly name: string,
    private readonly resourceLimits?: ResourceLimits,
    private readonly workerData?: unknown,
  ) {}

  /** Requests sent and not yet answered. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Stops the worker; later requests are answered null (the caller does the work). */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  /** Whether a worker can run here (its module is there); it may still fail to start. */
  available(): boolean {
    return this.worker !== null && workerScript(this.moduleUrl, this.name) !== null;
  }

  /** Sends the request (handing over `transfer`) and resolves with the answer, or null when no worker could do it. */
  run(request: Request, transfer: ArrayBuffer[] = []): Promise<A | null> {
    const w = this.get();
    if (!w) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise<A | null>((resolve) => {
      this.pending.set(id, resolve);
      w.ref();
      try {
        w.postMessage({ ...request, id }, transfer);
      } catch {
        // something in the request cannot be sent to another thread: the caller does it itself
        this.pending.delete(id);
        if (this.pending.size === 0) w.unref();
        resolve(null);
      }
    });
  }

  private get(): Worker | null {
    if (this.closed) return null;
    if (this.worker !== undefined) return this.worker;
    const script = workerScript(this.moduleUrl, this.name);
    let w: Worker | null = null;
    try {
      w = script && startWorker(script, this.resourceLimits, this.workerData);
    } catch {
      w = null;
    }
    this.worker = w;
    if (!w) return null;
    w.unref();
    w.on('message', (a: A) => {
      this.answered = true;
      const done = this.pending.get(a.id);
      this.pending.delete(a.id);
      if (this.pending.size === 0) w.unref();
      done?.(a);
    });
    const gone = () => {
      // one that has worked is started afresh next time; one that never answered is not tried again
      if (this.worker === w) this.worker = this.answered ? undefined : null;
      this.answered = false;
      for (const done of this.pending.values()) done(null);
      this.pending.clear();
    };
    w.on('error', () => {
      gone();
      void w.terminate();
    });
    w.on('exit', gone);
    return w;
  }
}

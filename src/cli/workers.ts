// Worker processes for `moot serve --workers N` (and the portal bench): a module of its own that loads nothing but
// node:cluster, so a primary that only supervises need not load the portal.
import cluster, { type Address, type Worker } from 'node:cluster';

/**
 * Forks `count` processes of this program as node:cluster workers sharing one port, and resolves with that port once
 * they all listen (a worker asked for port 0 gets the port the primary chose for all). Each worker gets MOOT_WORKERS
 * (so does the primary, for workers it forks later): several processes count rate limits in the database (or Redis),
 * not each in its own memory. `env` is added to each worker's environment.
 */
export function startWorkers(count: number, env: NodeJS.ProcessEnv = {}): { fork: () => Worker; listening: Promise<number> } {
  process.env.MOOT_WORKERS = String(count);
  const fork = () => cluster.fork({ ...env, MOOT_WORKERS: String(count) });
  const listening = new Promise<number>((resolve) => {
    const ready = new Set<number>();
    const onListening = (worker: Worker, address: Address) => {
      ready.add(worker.id);
      if (ready.size < count) return;
      cluster.off('listening', onListening);
      resolve(address.port);
    };
    cluster.on('listening', onListening);
  });
  for (let i = 0; i < count; i++) fork();
  return { fork, listening };
}

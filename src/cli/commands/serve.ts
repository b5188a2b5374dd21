// `moot serve`: the portal on the configured database. With --demo it loads the demonstration council first
// when the database is empty, so a fresh machine shows something real.
import type { Command } from 'commander';
import { buildApp } from '../../web/app.js';
import { MootError } from '../../errors.js';
import type { Store } from '../../store/db.js';
import { out, type CliContext } from '../context.js';

interface DemoModule {
  isEmpty(store: Store): Promise<boolean>;
  loadDemo(store: Store, options: { progress?: boolean }): Promise<{ meetings: number; bodies: number }>;
}

async function loadDemoModule(): Promise<DemoModule> {
  const path = '../../demo/index.js'; // resolved at run time: the demo module is optional in a slimmed build
  return (await import(path)) as DemoModule;
}

export function register(program: Command, context: () => CliContext): void {
  program
    .command('serve')
    .description('start the portal (http://127.0.0.1:3000 by default)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--demo', 'load the demonstration council first if the database is empty')
    .action(async (opts: { port?: string; host?: string; demo?: boolean }) => {
      const port = Number.parseInt(opts.port ?? process.env.PORT ?? '3000', 10);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MootError(`--port must be a number from 0 to 65535, not "${opts.port}"`);
      const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
      const ctx = context();
      const store = await ctx.store();
      if (opts.demo) {
        const demo = await loadDemoModule();
        if (demo && (await demo.isEmpty(store))) {
          out('Loading the demonstration council (first run only)…');
          const summary = await demo.loadDemo(store, { progress: true });
          out(`Loaded ${summary.meetings} meetings of ${summary.bodies} bodies.`);
        }
      }
      const { registerPortal } = await import('../../server.js');
      const app = await buildApp({ store, logger: { level: process.env.LOG_LEVEL ?? 'info' }, routes: registerPortal() });
      try {
        await app.listen({ port, host });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') throw new MootError(`port ${port} is already in use`, { hint: 'Stop the other server or choose another with --port' });
        throw e;
      }
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      out(`Moot is running at http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}/ (${store.description}). Press Ctrl+C to stop.`);
      // Graceful shutdown: stop accepting, finish requests in flight, close the database.
      await new Promise<void>((resolve) => {
        const stop = async (signal: string) => {
          out(`\n${signal} received: shutting down…`);
          await app.close();
          await ctx.close();
          resolve();
        };
        process.once('SIGINT', () => void stop('SIGINT'));
        process.once('SIGTERM', () => void stop('SIGTERM'));
      });
    });
}

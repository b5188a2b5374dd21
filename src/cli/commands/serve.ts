// `moot serve`: the portal on the configured database. With --demo it loads the demonstration council first
// when the database is empty, so a fresh machine shows something real.
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { Command } from 'commander';
import { DEMO_THEME_DIR, loadTheme } from '../../web/theme.js';
import { MootError } from '../../errors.js';
import { resolveWebConfig } from '../../config.js';
import type { Store } from '../../services/database.js';
import { out, type CliContext } from '../context.js';
import { startWorkers } from '../workers.js';

interface DemoModule {
  DEMO_MAIL_FROM: string;
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
    .option('--theme <dir>', "the council's theme folder: name, logo, colours, header and footer links (default: MOOT_THEME; with --demo, the demo council's)")
    .option('--workers <n>', 'processes sharing the port (node:cluster), each with its own database connection (default: MOOT_WORKERS or 1)')
    .action(async (opts: { port?: string; host?: string; demo?: boolean; workers?: string; theme?: string }) => {
      const port = Number.parseInt(opts.port ?? process.env.PORT ?? '3000', 10);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MootError(`--port must be a number from 0 to 65535, not "${opts.port}"`);
      const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
      const workersText = opts.workers ?? (process.env.MOOT_WORKERS || '1'); // set but empty: not set
      const workers = Number(workersText);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new MootError(`--workers must be a whole number from 1 to 64, not "${workersText}"`);
      // Trust in request headers begins only at configured proxies; emailed links come only from MOOT_BASE_URL, and
      // so do the pages' absolute links (canonical, feeds, calendars, open data) when it is set.
      const web = resolveWebConfig(process.env);
      if (web.problems.length) throw new MootError(web.problems[0]);
      const baseUrl = web.config.baseUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
      // The theme is read (and its colours checked for contrast) before anything starts, so a bad one stops here.
      const themeDir = opts.theme ?? process.env.MOOT_THEME ?? (opts.demo ? DEMO_THEME_DIR : undefined);
      const theme = themeDir ? loadTheme(themeDir) : undefined;
      if (workers > 1 && cluster.isPrimary && !process.env[PREPARE_ONLY]) {
        // The primary only supervises: the database is prepared (migrations, the demo) by a process of its own that
        // then exits, so the store, the migrations and the demo loader never stay in the primary's memory (issue 17).
        const description = await prepareApart();
        await superviseWorkers(workers, host, port, description);
        return;
      }
      const ctx = context();
      const store = await ctx.store();
      const demo = opts.demo ? await loadDemoModule() : null;
      // The demo council's email (alerts, password resets, call-ins) comes from its Democratic Services unless
      // MAIL_FROM says otherwise; set before any mailer or worker process is made, so every one sends from it.
      if (demo && !process.env.MAIL_FROM?.trim()) process.env.MAIL_FROM = demo.DEMO_MAIL_FROM;
      if (demo && !cluster.isWorker) {
        if (await demo.isEmpty(store)) {
          out('Loading the demonstration council (first run only)…');
          const summary = await demo.loadDemo(store, { progress: true });
          out(`Loaded ${summary.meetings} meetings of ${summary.bodies} bodies.`);
        }
      }
      if (process.env[PREPARE_ONLY]) {
        // The preparing process of `--workers N`: the database is ready; say what it is and stop.
        process.send?.({ description: store.description });
        await ctx.close();
        return;
      }
      // The portal's modules are loaded here, in a process that serves: a primary that only supervises its workers
      // (above) keeps none of them in its memory (issue 17).
      const [{ buildApp }, { registerPortal }, { mailBaseUrl }, { startMailWorker }, { getCouncil }, { startJobRunner }] = await Promise.all([
        import('../../web/app.js'), import('../../server.js'), import('../../services/alerts.js'), import('../../services/mail-worker.js'),
        import('../../services/council.js'), import('../../services/jobs.js')]);
      const app = await buildApp({ store, logger: { level: process.env.LOG_LEVEL ?? 'info' }, routes: registerPortal(), baseUrl, publicUrl: web.config.baseUrl ?? undefined, trustProxy: web.config.trustProxy, theme });
      try {
        await app.listen({ port, host });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') throw new MootError(`port ${port} is already in use`, { hint: 'Stop the other server or choose another with --port' });
        throw e;
      }
      // Alerts, papers to members and webhooks: queued from publication events and delivered through the outbox.
      const mail = startMailWorker(store, {
        context: async () => ({ baseUrl: mailBaseUrl(), councilName: (await getCouncil(store.db))?.name ?? 'The council' }),
        log: (e) => app.log.error(e, 'mail round failed'),
      });
      if (!mail.configured) app.log.warn('email is not configured (SMTP_URL): alerts and papers wait in the outbox until it is');
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      // Scheduled jobs: every process runs a runner; a lease in the database lets exactly one run each job.
      const jobs = startJobRunner(store, { log: app.log });
      const metricsServer = cluster.isWorker ? null : await serveMetrics(host, async () => {
        const { metricsText } = await import('../../server.js');
        return metricsText();
      });
      if (!cluster.isWorker) out(`Moot is running at http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}/ (${store.description}). Press Ctrl+C to stop.`);
      // Graceful shutdown: stop accepting, finish requests in flight, close the database.
      await new Promise<void>((resolve) => {
        const stop = async (signal: string) => {
          if (!cluster.isWorker) out(`\n${signal} received: shutting down…`);
          await jobs.stop();
          metricsServer?.close();
          await mail.stop();
          await app.close();
          await ctx.close();
          cluster.worker?.disconnect();
          resolve();
        };
        process.once('SIGINT', () => void stop('SIGINT'));
        process.once('SIGTERM', () => void stop('SIGTERM'));
      });
    });
}

/** Set in the process that prepares the database for `--workers N` (prepareApart). */
const PREPARE_ONLY = 'MOOT_SERVE_PREPARE_ONLY';

/**
 * Runs this same command in a child process that opens the database (migrating it, loading the demo if asked) and
 * exits; resolves with the store's description. Its output (progress, errors) goes to this process's terminal.
 */
function prepareApart(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1], process.argv.slice(2), { env: { ...process.env, [PREPARE_ONLY]: '1' }, stdio: 'inherit' });
    let description: string | null = null;
    child.on('message', (m: { description?: string }) => { if (typeof m?.description === 'string') description = m.description; });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0 && description !== null) resolve(description);
      else reject(new MootError(`the database could not be prepared for the workers (${signal ?? `exit ${code}`}): see above`));
    });
  });
}

/** Forks the workers, restarts one that dies, and stops them all on SIGINT/SIGTERM. */
async function superviseWorkers(count: number, host: string, port: number, description: string): Promise<void> {
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    process.stderr.write(`moot: worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another\n`);
    setTimeout(fork, 500);
  });
  const { fork, listening } = startWorkers(count);
  void listening.then((actualPort) => {
    out(`Moot is running at http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}/ with ${count} workers (${description}). Press Ctrl+C to stop.`);
  });
  const metricsServer = await serveMetrics(host, async () => {
    // Every worker's metrics added up (prom-client asks each worker over the cluster's IPC channel).
    const client = (await import('prom-client')).default;
    const aggregator = new client.AggregatorRegistry();
    return { contentType: aggregator.contentType, body: await aggregator.clusterMetrics() };
  });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      out(`\n${signal} received: stopping ${Object.keys(cluster.workers ?? {}).length} workers…`);
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      metricsServer?.close();
      if (!workers.length) return resolve();
      let left = workers.length;
      for (const w of workers) {
        w.once('exit', () => { if (--left === 0) resolve(); });
        w.process.kill('SIGTERM');
      }
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/** With MOOT_METRICS_PORT, Prometheus metrics on a port of their own (same host as the portal), no token needed. */
async function serveMetrics(host: string, text: () => Promise<{ contentType: string; body: string }>): Promise<Server | null> {
  const raw = process.env.MOOT_METRICS_PORT;
  if (!raw) return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MootError(`MOOT_METRICS_PORT must be a port number, not "${raw}"`);
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end('Not found: the metrics are at /metrics\n');
      return;
    }
    text().then(
      (m) => res.writeHead(200, { 'content-type': m.contentType }).end(m.body),
      (e: Error) => res.writeHead(500).end(`metrics failed: ${e.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new MootError(`MOOT_METRICS_PORT ${port} is already in use`) : e));
    server.listen(port, host, () => resolve());
  });
  const a = server.address();
  out(`Metrics at http://${host}:${typeof a === 'object' && a ? a.port : port}/metrics`);
  return server;
}

// `moot demo`: loads the fictional Example County Council so the system can be tried and tested.
import type { Command } from 'commander';
import { loadDemo } from '../../demo/index.js';
import { MootError } from '../../errors.js';
import { out, type CliContext } from '../context.js';

export function register(program: Command, context: () => CliContext): void {
  program
    .command('demo')
    .description('load the demonstration council "Example County Council" (invented people, a year of meetings by default)')
    .option('--years <n>', 'years of meetings to load, ending two months from today', '1')
    .option('--today <date>', 'the date to treat as today (YYYY-MM-DD), for repeatable content')
    .option('--seed <n>', 'seed of the generator (the same seed and date give the same council)')
    .option('--reset', 'delete everything in the database first')
    .action(async (opts: { years: string; today?: string; seed?: string; reset?: boolean }) => {
      const years = Number(opts.years);
      if (!Number.isInteger(years) || years < 1) throw new MootError(`--years must be a whole number of at least 1, got "${opts.years}"`);
      const seed = opts.seed === undefined ? undefined : Number(opts.seed);
      if (seed !== undefined && !Number.isInteger(seed)) throw new MootError(`--seed must be a whole number, got "${opts.seed}"`);
      const store = await context().store();
      const started = performance.now();
      const s = await loadDemo(store, { years, today: opts.today, seed, reset: !!opts.reset, progress: true });
      const seconds = (performance.now() - started) / 1000;
      out(`Loaded Example County Council into ${store.description} in ${seconds.toFixed(1)} s:`);
      out(`  meetings from ${s.from} to ${s.to}: ${s.meetings}`);
      out(`  bodies ${s.bodies}, people ${s.people}, documents ${s.documents} (${s.pdfsRendered} PDFs rendered, ${s.pdfsReused} reused), minutes ${s.minutes}, decisions ${s.decisions}`);
      out(`  ${s.rows} rows in all`);
    });
}

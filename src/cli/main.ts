// The `moot` command line. Errors meant for the user print one line and exit with status 2, never a stack trace.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { loadSecretFiles } from '../config.js';
import { MootError } from '../errors.js';
import { CliContext, type GlobalOptions } from './context.js';
import { commandModulesFor, type CommandModule } from './commands/index.js';

export function buildProgram(modules: CommandModule[]): { program: Command; context: () => CliContext; close: () => Promise<void> } {
  let ctx: CliContext | null = null;
  const program = new Command();
  program
    .name('moot')
    .description('Moot: committee management and democratic transparency for councils')
    .option('--data <dir>', 'data directory for the embedded database and files (default: ./data, or MOOT_DATA)')
    .option('--database-url <url>', 'PostgreSQL connection URL (default: DATABASE_URL); without it Moot uses SQLite in the data directory')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // One line: what is wrong and what to do.
      outputError: (s, write) => write(`moot: ${s.replace(/^error: /, '').trim()}. Run \`moot --help\` for the commands and options.\n`),
    });
  const context = () => {
    if (!ctx) ctx = new CliContext(program.opts<GlobalOptions>());
    return ctx;
  };
  for (const m of modules) m.register(program, context);
  for (const c of program.commands) c.exitOverride().configureOutput(program.configureOutput());
  return { program, context, close: async () => ctx?.close() };
}

function describeUnexpected(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'EACCES' || err?.code === 'EROFS') return `permission denied: ${err.path ?? err.message}`;
  if (err?.code === 'ENOENT') return `no such file or directory: ${err.path ?? err.message}`;
  if (err?.code === 'ENOSPC') return 'the disk is full';
  return err instanceof Error ? err.message.split('\n')[0] : String(e);
}

/**
 * A reader that stops early (`moot meetings | head -1`) closes the pipe: that is not an error of Moot's, so it ends
 * quietly with status 0 instead of an unhandled EPIPE with its stack trace.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`moot: cannot write the output: ${e.message}\n`);
    process.exit(1);
  });
}

export async function main(argv: string[]): Promise<void> {
  quietOnClosedPipe();
  const { program, close } = buildProgram(await commandModulesFor(argv.slice(2)));
  let code = 0;
  try {
    const secretProblem = loadSecretFiles(process.env, (f) => readFileSync(f, 'utf8'));
    if (secretProblem) throw new MootError(secretProblem, { hint: 'See "Configuration" in the README' });
    if (argv.length <= 2) {
      program.outputHelp();
    } else {
      await program.parseAsync(argv);
    }
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message (unknown command or option, missing argument, --help).
      code = e.exitCode === 0 ? 0 : 2;
    } else if (e instanceof MootError) {
      process.stderr.write(`moot: ${e.line}\n`);
      code = e.exitCode;
    } else {
      process.stderr.write(`moot: ${describeUnexpected(e)}\n`);
      if (process.env.MOOT_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
      code = 1;
    }
  } finally {
    await close().catch(() => undefined);
  }
  // Long-lived commands (serve) keep the process alive themselves; others end here with their status.
  if (code !== 0) process.exit(code);
  process.exitCode = code;
}

// Every `moot` command, one module each, and the top-level commands each registers. `moot NAME …` loads only the
// module that registers NAME, so a command starts without the code (and memory) of all the others (the Popolo
// export's peak RSS, issue 15); help, and a name not listed here, load every module. Add a line for a new module.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export interface CommandModule {
  register(program: Command, context: () => CliContext): void;
}

export const COMMAND_MODULES: { commands: string[]; load: () => Promise<CommandModule> }[] = [
  { commands: ['init', 'migrate'], load: () => import('./database.js') },
  { commands: ['demo'], load: () => import('./demo.js') },
  { commands: ['serve'], load: () => import('./serve.js') },
  { commands: ['user'], load: () => import('./user.js') },
  { commands: ['extract', 'import'], load: () => import('./importer.js') },
  { commands: ['meetings'], load: () => import('./meetings.js') },
  { commands: ['pack', 'publish'], load: () => import('./packs.js') },
  { commands: ['reindex'], load: () => import('./reindex.js') },
  { commands: ['backup', 'restore', 'store'], load: () => import('./backup.js') },
  { commands: ['data'], load: () => import('./data.js') },
  { commands: ['export'], load: () => import('./open-data.js') },
  { commands: ['doctor', 'audit'], load: () => import('./operations.js') },
];

/** Global options that take a value (see main.ts): skipped when looking for the command's name. */
const VALUE_OPTIONS = new Set(['--data', '--database-url']);

/** The command name in an argv (after node and the script), or null (none, or only options). */
export function commandName(args: string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (VALUE_OPTIONS.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return null;
}

/** The modules an invocation needs: the one registering its command, or all of them. */
export async function commandModulesFor(args: string[]): Promise<CommandModule[]> {
  const name = commandName(args);
  const one = name === null ? undefined : COMMAND_MODULES.find((m) => m.commands.includes(name));
  return Promise.all((one ? [one] : COMMAND_MODULES).map((m) => m.load()));
}

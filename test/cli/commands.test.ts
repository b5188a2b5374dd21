// `moot NAME` loads only the module that registers NAME: the table in commands/index.ts must say truly which
// top-level commands each module registers, and the command's name must be found among global options.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandModulesFor, commandName, COMMAND_MODULES } from '../../src/cli/commands/index.js';
import type { CliContext } from '../../src/cli/context.js';

const noContext = (): CliContext => {
  throw new Error('not used while registering');
};

describe('the command table', () => {
  it('lists exactly the top-level commands each module registers, each once', async () => {
    const seen: string[] = [];
    for (const m of COMMAND_MODULES) {
      const program = new Command();
      (await m.load()).register(program, noContext);
      expect(program.commands.map((c) => c.name()).sort()).toEqual([...m.commands].sort());
      seen.push(...m.commands);
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('finds the command after global options, with or without their values', () => {
    expect(commandName(['--data', 'x', 'export', 'popolo'])).toBe('export');
    expect(commandName(['--database-url', 'postgres://h/db', '--data=y', 'serve', '--port', '1'])).toBe('serve');
    expect(commandName(['--help'])).toBeNull();
    expect(commandName([])).toBeNull();
  });

  it('loads one module for a known command and all of them otherwise', async () => {
    expect(await commandModulesFor(['export', 'popolo'])).toHaveLength(1);
    expect(await commandModulesFor(['--help'])).toHaveLength(COMMAND_MODULES.length);
    expect(await commandModulesFor(['frobnicate'])).toHaveLength(COMMAND_MODULES.length);
  });
});

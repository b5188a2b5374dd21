// What every command needs: the configuration from global options, a store opened on demand, and output helpers.
import { resolveConfig, type MootConfig } from '../config.js';
import type { Actor } from '../domain/types.js';
import { openStore, type Store } from '../services/database.js';

export interface GlobalOptions {
  data?: string;
  databaseUrl?: string;
}

export class CliContext {
  readonly config: MootConfig;
  #store: Store | null = null;
  readonly actor: Actor;

  constructor(options: GlobalOptions) {
    this.config = resolveConfig({ data: options.data, databaseUrl: options.databaseUrl });
    this.actor = { kind: 'cli', id: null, name: `cli:${process.env.USER ?? 'operator'}` };
  }

  async store(options: { migrate?: boolean } = {}): Promise<Store> {
    if (!this.#store) this.#store = await openStore(this.config, options);
    return this.#store;
  }

  async close(): Promise<void> {
    await this.#store?.close();
    this.#store = null;
  }
}

export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

/** Progress for long work: a bar on a terminal, a count every so often in logs. */
export { createProgress } from '../progress.js';

// Every `moot` command, one module each. Add a line here for a new command module.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import * as database from './database.js';
import * as demo from './demo.js';
import * as serve from './serve.js';
import * as user from './user.js';
import * as importer from './importer.js';
import * as meetings from './meetings.js';
import * as packs from './packs.js';
import * as reindex from './reindex.js';
import * as backup from './backup.js';
import * as operations from './operations.js';
import * as data from './data.js';
import * as openData from './open-data.js';

export const COMMAND_MODULES: { register(program: Command, context: () => CliContext): void }[] = [database, demo, serve, user, importer, meetings, packs, reindex, backup, data, openData, operations];

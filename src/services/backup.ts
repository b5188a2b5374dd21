// Backup, restore and moving a council between stores.
//
// The archive is one gzip file of JSON lines, the same whichever database it came from or goes to:
//   {"format":"moot-backup","version":1,"createdAt":…,"source":{dialect,description},"migrations":[…]}
//   {"table":"meeting","columns":[…],"primaryKey":["id"]}          then one JSON array per row, in key order,
//   {"end":"meeting","rows":N,"sha256":"…"}                        (sha256 of that table's row lines)
//   … every table, the audit log and the blob table (every file) included …
//   {"trailer":true,"tables":T,"rows":R,"sha256":"…"}              (sha256 of every line before it)
// Bytes are {"$b":"base64"}. A damaged or truncated file fails its checksums and is refused before anything is
// written; a restore goes into an empty store in one transaction and is checked against the archive's
// checksums before it commits.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { MootError } from '../errors.js';
import {
  countRows, dependencyOrder, insertRows, inSnapshot, listDataTables, openSqliteFile, readTable, removeSqliteFile,
  resetSequences, setColumn, snapshotSqlite, type TableInfo,
} from '../store/backup.js';
import { transaction, type Db, type Store } from '../store/db.js';
import { appliedMigrations, migrateToLatest, migrateToSet } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import type { Dialect } from '../store/migrations/helpers.js';

export const ARCHIVE_FORMAT = 'moot-backup';
export const ARCHIVE_VERSION = 1;

/** Progress for long work, supplied by the caller (the CLI shows a bar). */
export interface ProgressSink {
  tick(n?: number, label?: string): void;
  setTotal(total: number): void;
  stop(): void;
}
export type ProgressFactory = (title: string, total: number) => ProgressSink;
const noProgress: ProgressFactory = () => ({ tick() {}, setTotal() {}, stop() {} });

export interface TableSummary {
  name: string;
  rows: number;
  sha256: string;
}

export interface ArchiveSummary {
  file: string;
  createdAt: string;
  source: { dialect: Dialect; description: string };
  migrations: string[];
  tables: TableSummary[];
  rows: number;
  /** Files held (rows of the blob table) and their total size. */
  blobs: { count: number; bytes: number };
  sha256: string;
  size: number;
}

interface Header {
  format: string;
  version: number;
  createdAt: string;
  source: { dialect: Dialect; description: string };
  migrations: string[];
}

// ---- values -------------------------------------------------------------------------------------------------

function encodeValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Uint8Array) return { $b: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'object') return JSON.stringify(v); // a json column read as an object: stored back as text
  return v;
}

function decodeValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && '$b' in (v as Record<string, unknown>)) return Buffer.from((v as { $b: string }).$b, 'base64');
  return v;
}

function rowLine(row: unknown[]): string {
  return JSON.stringify(row.map(encodeValue)) + '\n';
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

// ---- writing ------------------------------------------------------------------------------------------------

async function dump(db: Db, dialect: Dialect, description: string, outFile: string, progress: ProgressFactory): Promise<ArchiveSummary> {
  const migrations = await appliedMigrations(db as never);
  const tables = dependencyOrder(await listDataTables(db, dialect));
  const counts = new Map<string, number>();
  for (const t of tables) counts.set(t.name, await countRows(db, t.name));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);

  const tmp = `${outFile}.${randomBytes(4).toString('hex')}.partial`;
  const gzip = createGzip({ level: 6 });
  const file = createWriteStream(tmp);
  gzip.pipe(file);
  const whole = createHash('sha256');
  const put = async (line: string) => {
    whole.update(line);
    if (!gzip.write(line)) await once(gzip, 'drain');
  };
  const bar = progress('Backing up', total);
  const summaries: TableSummary[] = [];
  let blobCount = 0;
  let blobBytes = 0;
  try {
    const header: Header = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: new Date().toISOString(), source: { dialect, description }, migrations };
    await put(JSON.stringify(header) + '\n');
    for (const t of tables) {
      await put(JSON.stringify({ table: t.name, columns: t.columns, primaryKey: t.primaryKey }) + '\n');
      const h = createHash('sha256');
      let n = 0;
      const blobCheck = blobChecker(t);
      for await (const batch of readTable(db, dialect, t)) {
        for (const row of batch) {
          const size = blobCheck?.(row);
          if (size !== undefined) {
            blobCount++;
            blobBytes += size;
          }
          const line = rowLine(row);
          h.update(line);
          await put(line);
        }
        n += batch.length;
        bar.tick(batch.length, t.name);
      }
      const s = { name: t.name, rows: n, sha256: h.digest('hex') };
      summaries.push(s);
      await put(JSON.stringify({ end: t.name, rows: s.rows, sha256: s.sha256 }) + '\n');
    }
    const rows = summaries.reduce((a, s) => a + s.rows, 0);
    const digest = whole.digest('hex');
    gzip.end(JSON.stringify({ trailer: true, tables: summaries.length, rows, sha256: digest }) + '\n');
    await once(file, 'close');
    renameSync(tmp, outFile);
    return {
      file: outFile, createdAt: header.createdAt, source: header.source, migrations, tables: summaries, rows,
      blobs: { count: blobCount, bytes: blobBytes }, sha256: digest, size: statSync(outFile).size,
    };
  } catch (e) {
    gzip.destroy();
    file.destroy();
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    bar.stop();
  }
}

/** For the blob table: checks each file's bytes against its key and returns its size. */
function blobChecker(t: { name: string; columns: string[] }): ((row: unknown[]) => number) | null {
  if (t.name !== 'blob') return null;
  const key = t.columns.indexOf('sha256');
  const bytes = t.columns.indexOf('bytes');
  if (key < 0 || bytes < 0) return null;
  return (row) => {
    const b = row[bytes] as Uint8Array;
    if (sha256(b) !== row[key]) throw new MootError(`the stored file ${String(row[key]).slice(0, 12)}… does not match its checksum`, { hint: 'The database is damaged; restore it from an earlier backup' });
    return b.byteLength;
  };
}

/**
 * Takes a consistent backup of a running store into one archive file: SQLite through its online backup API
 * (a snapshot file beside the archive, removed afterwards), PostgreSQL in one REPEATABLE READ read-only
 * transaction. Writers carry on meanwhile; the archive holds the store as it was at one instant.
 */
export async function backupStore(store: Store, outFile: string, options: { progress?: ProgressFactory } = {}): Promise<ArchiveSummary> {
  const progress = options.progress ?? noProgress;
  try {
    const d = statSync(dirname(outFile));
    if (!d.isDirectory()) throw new Error('not a directory');
  } catch {
    throw new MootError(`cannot write the backup to ${outFile}: the directory ${dirname(outFile)} does not exist`);
  }
  if (store.dialect === 'sqlite') {
    if (!store.file) throw new MootError('this SQLite store has no file to back up');
    const snap = join(dirname(outFile), `.moot-snapshot-${randomBytes(6).toString('hex')}.sqlite`);
    try {
      await snapshotSqlite(store.file, snap);
      const db = openSqliteFile(snap);
      try {
        return await dump(db, 'sqlite', store.description, outFile, progress);
      } finally {
        await db.destroy();
      }
    } finally {
      removeSqliteFile(snap);
    }
  }
  return inSnapshot(store.db, store.dialect, (tx) => dump(tx, store.dialect, store.description, outFile, progress));
}

// ---- reading ------------------------------------------------------------------------------------------------

type ArchiveLine =
  | { kind: 'header'; header: Header }
  | { kind: 'table'; name: string; columns: string[]; primaryKey: string[] }
  | { kind: 'row'; line: string; row: unknown[] }
  | { kind: 'end'; name: string; rows: number; sha256: string }
  | { kind: 'trailer'; tables: number; rows: number; sha256: string };

function damaged(file: string, why: string): MootError {
  return new MootError(`the backup ${file} is damaged (${why})`, { hint: 'It cannot be restored; use another backup' });
}

async function* lines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  try {
    for await (const chunk of gunzip) {
      let text = decoder.write(chunk as Buffer);
      let nl = text.indexOf('\n');
      while (nl !== -1) {
        pending.push(text.slice(0, nl));
        yield pending.join('');
        pending = [];
        text = text.slice(nl + 1);
        nl = text.indexOf('\n');
      }
      if (text) pending.push(text);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new MootError(`there is no backup at ${file}`);
    if (err.code === 'EISDIR') throw new MootError(`${file} is a directory, not a backup file`);
    throw damaged(file, err.code === 'Z_DATA_ERROR' || err.code === 'Z_BUF_ERROR' ? 'not a gzip file, or its compressed data is corrupt' : err.message);
  }
  const rest = pending.join('') + decoder.end();
  if (rest) yield rest; // a last line without its newline: the trailer check below reports the truncation
}

/** Reads an archive line by line, checking its structure and every checksum as it goes. */
async function* readArchive(file: string): AsyncGenerator<ArchiveLine> {
  const whole = createHash('sha256');
  let lineNo = 0;
  let header: Header | null = null;
  let table: { name: string; columns: number; rows: number; hash: ReturnType<typeof createHash> } | null = null;
  let tables = 0;
  let rows = 0;
  let trailer = false;
  for await (const text of lines(file)) {
    lineNo++;
    if (trailer) throw damaged(file, `data after the end, line ${lineNo}`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw damaged(file, `line ${lineNo} is not valid JSON`);
    }
    if (!header) {
      const h = value as Header;
      if (!h || h.format !== ARCHIVE_FORMAT) throw new MootError(`${file} is not a Moot backup`, { hint: 'Give the file written by `moot backup --out FILE`' });
      if (typeof h.version !== 'number' || h.version > ARCHIVE_VERSION) {
        throw new MootError(`the backup ${file} was made by a newer version of Moot (archive format ${h.version})`, { hint: 'Restore it with that version or later' });
      }
      header = h;
      whole.update(text + '\n');
      yield { kind: 'header', header: h };
      continue;
    }
    if (Array.isArray(value)) {
      if (!table) throw damaged(file, `row outside a table at line ${lineNo}`);
      if (value.length !== table.columns) throw damaged(file, `line ${lineNo} has ${value.length} values for ${table.columns} columns of ${table.name}`);
      table.hash.update(text + '\n');
      table.rows++;
      whole.update(text + '\n');
      yield { kind: 'row', line: text, row: value };
      continue;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.table === 'string') {
      if (table) throw damaged(file, `table ${table.name} has no end before line ${lineNo}`);
      const columns = o.columns as string[];
      table = { name: o.table, columns: columns.length, rows: 0, hash: createHash('sha256') };
      whole.update(text + '\n');
      yield { kind: 'table', name: o.table, columns, primaryKey: (o.primaryKey as string[]) ?? [] };
    } else if (typeof o.end === 'string') {
      if (!table || table.name !== o.end) throw damaged(file, `unexpected end of table ${o.end} at line ${lineNo}`);
      const digest = table.hash.digest('hex');
      if (table.rows !== o.rows) throw damaged(file, `table ${table.name} has ${table.rows} rows where ${String(o.rows)} were written`);
      if (digest !== o.sha256) throw damaged(file, `the checksum of table ${table.name} does not match`);
      tables++;
      rows += table.rows;
      whole.update(text + '\n');
      yield { kind: 'end', name: table.name, rows: table.rows, sha256: digest };
      table = null;
    } else if (o.trailer === true) {
      if (table) throw damaged(file, `table ${table.name} has no end`);
      if (o.sha256 !== whole.digest('hex')) throw damaged(file, 'the checksum of the whole archive does not match');
      if (o.tables !== tables || o.rows !== rows) throw damaged(file, `it lists ${String(o.tables)} tables and ${String(o.rows)} rows but holds ${tables} and ${rows}`);
      trailer = true;
      yield { kind: 'trailer', tables, rows, sha256: o.sha256 as string };
    } else {
      throw damaged(file, `unrecognised line ${lineNo}`);
    }
  }
  if (!header) throw damaged(file, 'it is empty');
  if (!trailer) throw damaged(file, 'it is truncated: the end of the archive is missing');
}

/** Reads a whole archive and checks every checksum without touching any store. */
export async function verifyArchive(file: string): Promise<ArchiveSummary> {
  let header: Header | null = null;
  const tables: TableSummary[] = [];
  let blobCheck: ((row: unknown[]) => number) | null = null;
  let blobs = { count: 0, bytes: 0 };
  let digest = '';
  for await (const l of readArchive(file)) {
    if (l.kind === 'header') header = l.header;
    else if (l.kind === 'table') blobCheck = blobChecker({ name: l.name, columns: l.columns });
    else if (l.kind === 'row' && blobCheck) {
      let size: number;
      try {
        size = blobCheck(l.row.map(decodeValue));
      } catch {
        throw damaged(file, `the file ${String(l.row[0]).slice(0, 12)}… in it does not match its checksum`);
      }
      blobs = { count: blobs.count + 1, bytes: blobs.bytes + size };
    } else if (l.kind === 'end') {
      tables.push({ name: l.name, rows: l.rows, sha256: l.sha256 });
      blobCheck = null;
    } else if (l.kind === 'trailer') digest = l.sha256;
  }
  const h = header as Header;
  return {
    file, createdAt: h.createdAt, source: h.source, migrations: h.migrations, tables,
    rows: tables.reduce((a, t) => a + t.rows, 0), blobs, sha256: digest, size: statSync(file).size,
  };
}

// ---- restoring ----------------------------------------------------------------------------------------------

export interface RestoreSummary {
  archive: ArchiveSummary;
  target: string;
  /** Migrations applied after the restore, when the archive came from an older Moot. */
  migrated: string[];
}

/** Checks the store has no rows in any table; names the first that has. */
export async function assertEmpty(store: Store): Promise<void> {
  for (const t of await listDataTables(store.db, store.dialect)) {
    const n = await countRows(store.db, t.name);
    if (n > 0) {
      throw new MootError(`${store.description} is not empty (table ${t.name} has ${n} row${n === 1 ? '' : 's'})`, {
        hint: 'Restore into a new empty database or data directory; Moot never overwrites a council',
      });
    }
  }
}

/**
 * Restores an archive into an empty store of either kind: checks the whole archive first, brings the schema to
 * the archive's migrations, loads every table in one transaction, checks each table's checksum against the
 * archive before committing, then runs any newer migrations.
 */
export async function restoreArchive(store: Store, file: string, options: { progress?: ProgressFactory } = {}): Promise<RestoreSummary> {
  const progress = options.progress ?? noProgress;
  const archive = await verifyArchive(file);
  const known = new Set(MIGRATIONS.map((m) => m.name));
  const unknown = archive.migrations.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new MootError(`the backup was made by a newer version of Moot (it has migration ${unknown[unknown.length - 1]})`, { hint: 'Restore it with that version or later' });
  }
  const applied = await appliedMigrations(store.db as never);
  const ahead = applied.filter((m) => !archive.migrations.includes(m));
  if (ahead.length) {
    await assertEmpty(store);
    throw new MootError(`${store.description} already has a newer schema than the backup (migration ${ahead[ahead.length - 1]})`, {
      hint: 'Restore into a new empty database (not one prepared with `moot init`) so the rows go into the schema they came from',
    });
  }
  await migrateToSet(store.db as never, store.dialect, archive.migrations);
  await assertEmpty(store);

  const targetTables = new Map((await listDataTables(store.db, store.dialect)).map((t) => [t.name, t]));
  const bar = progress('Restoring', archive.rows);
  try {
    await transaction(store.db, async (tx) => {
      const loaded = new Set<string>();
      const archivedColumns = new Map<string, string[]>();
      const deferred: { table: TableInfo; key: unknown[]; column: string; value: unknown }[] = [];
      let current: { info: TableInfo; columns: string[]; defer: number[]; keyIdx: number[]; rows: unknown[][]; bytes: number } | null = null;
      const flush = async () => {
        if (current && current.rows.length) {
          await insertRows(tx, current.info.name, current.columns, current.rows);
          bar.tick(current.rows.length, current.info.name);
          current.rows = [];
          current.bytes = 0;
        }
      };
      for await (const l of readArchive(file)) {
        if (l.kind === 'table') {
          const info = targetTables.get(l.name);
          if (!info) throw new MootError(`the backup has a table ${l.name} that ${store.description} does not`, { hint: 'Restore with the version of Moot that made the backup' });
          const missing = l.columns.filter((c) => !info.columns.includes(c));
          if (missing.length) throw new MootError(`the backup's table ${l.name} has column ${missing[0]}, which ${store.description} lacks`);
          // References to rows not loaded yet (a later table, or later rows of this one) go in afterwards.
          const defer = info.foreignKeys.filter((f) => f.references === l.name || (!loaded.has(f.references) && targetTables.has(f.references)))
            .map((f) => l.columns.indexOf(f.column)).filter((i) => i >= 0);
          const keyIdx = info.primaryKey.map((c) => l.columns.indexOf(c));
          if (defer.length && (!info.primaryKey.length || keyIdx.some((i) => i < 0))) throw new MootError(`cannot restore table ${l.name}: it refers to rows loaded later and has no key`);
          archivedColumns.set(l.name, l.columns);
          current = { info, columns: l.columns, defer, keyIdx, rows: [], bytes: 0 };
        } else if (l.kind === 'row' && current) {
          const row = l.row.map(decodeValue);
          for (const i of current.defer) {
            if (row[i] !== null) {
              deferred.push({ table: current.info, key: current.keyIdx.map((k) => row[k]), column: current.columns[i], value: row[i] });
              row[i] = null;
            }
          }
          current.rows.push(row);
          current.bytes += l.line.length;
          if (current.rows.length >= 500 || current.bytes > 8 * 1024 * 1024) await flush();
        } else if (l.kind === 'end' && current) {
          await flush();
          loaded.add(current.info.name);
          current = null;
        }
      }
      for (const d of deferred) await setColumn(tx, d.table.name, d.table.primaryKey, d.key, d.column, d.value);
      // Read every table back and compare with the archive before committing.
      for (const t of archive.tables) {
        const info = targetTables.get(t.name) as TableInfo;
        const archived = archivedColumns.get(t.name) ?? [];
        const h = createHash('sha256');
        let n = 0;
        for await (const batch of readTable(tx, store.dialect, { ...info, columns: archived })) {
          for (const row of batch) h.update(rowLine(row));
          n += batch.length;
        }
        if (n !== t.rows || h.digest('hex') !== t.sha256) {
          throw new MootError(`table ${t.name} did not restore exactly (${n} rows read back, ${t.rows} in the backup, checksums ${n === t.rows ? 'differ' : 'not compared'})`, {
            hint: 'Nothing was written; report this with the backup file',
          });
        }
      }
    });
  } finally {
    bar.stop();
  }
  await resetSequences(store.db, store.dialect, [...targetTables.values()]);
  const report = await migrateToLatest(store.db as never, store.dialect);
  return { archive, target: store.description, migrated: report.applied };
}

// The shape of a use-case: one transaction per unit of work, the store's writers audited inside it. Adapters (web,
// api, cli, demo) hold a Store and call services; they never open transactions or query the store themselves.
import type { Actor } from '../domain/types.js';
import { transaction, type Queryable, type Store, type Tx } from '../store/db.js';

export type { Actor, Queryable, Store };

/**
 * A store writer as a use-case: `(store, actor, ...args)` runs `writer(tx, actor, ...args)` in one transaction, so
 * the change and its audit entry land together or not at all.
 */
export function unitOfWork<A extends unknown[], R>(writer: (tx: Tx, actor: Actor, ...args: A) => Promise<R>) {
  return (store: Store, actor: Actor, ...args: A): Promise<R> => transaction(store.db, (tx) => writer(tx, actor, ...args));
}

/**
 * A store writer each of whose writes is one statement carrying its own audit entry (`insertAudited`), as a
 * use-case: on PostgreSQL it runs without BEGIN and COMMIT, two round trips fewer; on SQLite, where those statements
 * are two, in one transaction as unitOfWork does.
 */
export function atomicWrite<A extends unknown[], R>(writer: (db: Queryable, actor: Actor, ...args: A) => Promise<R>) {
  return (store: Store, actor: Actor, ...args: A): Promise<R> =>
    store.dialect === 'postgres' ? writer(store.db, actor, ...args) : transaction(store.db, (tx) => writer(tx, actor, ...args));
}

/** Several writes as one unit of work. */
export function inOneTransaction<R>(store: Store, work: (tx: Tx) => Promise<R>): Promise<R> {
  return transaction(store.db, work);
}

/** Readers of stored values (JSON columns, lists of Schedule 12A paragraphs) for rows the adapters display. */
export { parseJson, textToParagraphs } from '../store/json.js';

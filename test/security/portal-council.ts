// The issue-10 suites' shared fixture: one seeded council and the portal over it per suite, on the suite's store.
import type { FastifyInstance } from 'fastify';
import { afterAll, type TestContext } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { registerPortal } from '../../src/server.js';
import { appWith, seedCouncil, type Council } from '../api/fixture.js';
import { useTestStore } from '../helpers/use-store.js';

export interface PortalCouncil { app: FastifyInstance; c: Council; store: Store }

/** Returns a getter that seeds the council and builds the portal on first use (skipping where the store is absent). */
export function usePortalCouncil(kind: 'sqlite' | 'postgres'): (ctx: TestContext) => Promise<PortalCouncil> {
  const get = useTestStore(kind);
  let built: PortalCouncil | null = null;
  afterAll(async () => {
    await built?.app.close();
  });
  return async (ctx) => {
    const t = get(ctx);
    if (!built) {
      const c = await seedCouncil(t.store);
      built = { app: await appWith(t.store, registerPortal()), c, store: t.store };
    }
    return built;
  };
}

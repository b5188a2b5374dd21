// Administration: users, the audit log and the council's website settings. Every route is guarded by the policy (administrators only).
import type { FastifyPluginAsync } from 'fastify';
import audit from './audit.js';
import council from './council.js';
import users from './users.js';
import { type Store } from '../../../services/unit.js';

const admin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  await app.register(users, { store });
  await app.register(audit, { store });
  await app.register(council, { store });
};

export default admin;

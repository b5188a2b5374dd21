// The council this installation serves, and its settings (closures, standard notices, signatory).
import type { Council } from '../domain/types.js';
import type { Queryable } from './db.js';
import { parseJson } from './json.js';

export interface CouncilSettings {
  extraClosures: string[];
  notices: { heading: string; text: string }[];
  signatoryName: string | null;
  signatoryTitle: string | null;
  contactPhone: string | null;
  address: string | null;
}

const DEFAULT_SETTINGS: CouncilSettings = { extraClosures: [], notices: [], signatoryName: null, signatoryTitle: null, contactPhone: null, address: null };

export interface CouncilRecord extends Council {
  id: number;
  settings: CouncilSettings;
}

export async function getCouncil(db: Queryable): Promise<CouncilRecord | null> {
  const row = await db.selectFrom('council').selectAll().orderBy('id').limit(1).executeTakeFirst();
  if (!row) return null;
  const settings = { ...DEFAULT_SETTINGS, ...parseJson<Partial<CouncilSettings>>(row.settings_json, {}) };
  return { id: row.id, name: row.name, shortName: row.short_name, extraClosures: settings.extraClosures, notices: settings.notices, settings };
}

export async function saveCouncil(db: Queryable, name: string, shortName: string, settings: Partial<CouncilSettings>): Promise<number> {
  const existing = await getCouncil(db);
  const merged = JSON.stringify({ ...DEFAULT_SETTINGS, ...(existing?.settings ?? {}), ...settings });
  if (existing) {
    await db.updateTable('council').set({ name, short_name: shortName, settings_json: merged }).where('id', '=', existing.id).execute();
    return existing.id;
  }
  const row = await db.insertInto('council').values({ name, short_name: shortName, settings_json: merged }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

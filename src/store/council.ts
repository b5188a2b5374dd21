// The council this installation serves, and its settings (closures, standard notices, signatory).
import { DEFAULT_NAME_STYLE, isNameStyle, type NameStyle } from '../domain/names.js';
import type { Actor, Council } from '../domain/types.js';
import { ValidationError } from '../errors.js';
import { recordAudit } from './audit.js';
import type { Queryable } from './db.js';
import { parseJson } from './json.js';

export interface CouncilSettings {
  extraClosures: string[];
  notices: { heading: string; text: string }[];
  signatoryName: string | null;
  signatoryTitle: string | null;
  contactPhone: string | null;
  address: string | null;
  /** How members' names are written on the website ("Mr K Hebden", "Councillor Kim Hebden"): domain/names.ts. */
  nameStyle: NameStyle;
  /** What the council calls the areas its councillors represent. */
  areaLabel: AreaLabel;
}

export const AREA_LABELS = ['Electoral division', 'Ward'] as const;
export type AreaLabel = (typeof AREA_LABELS)[number];

const DEFAULT_SETTINGS: CouncilSettings = {
  extraClosures: [], notices: [], signatoryName: null, signatoryTitle: null, contactPhone: null, address: null, nameStyle: DEFAULT_NAME_STYLE, areaLabel: 'Electoral division',
};

export interface CouncilRecord extends Council {
  id: number;
  settings: CouncilSettings;
}

export async function getCouncil(db: Queryable): Promise<CouncilRecord | null> {
  const row = await db.selectFrom('council').selectAll().orderBy('id').limit(1).executeTakeFirst();
  if (!row) return null;
  const settings = { ...DEFAULT_SETTINGS, ...parseJson<Partial<CouncilSettings>>(row.settings_json, {}) };
  if (!isNameStyle(settings.nameStyle)) settings.nameStyle = DEFAULT_NAME_STYLE;
  if (!(AREA_LABELS as readonly string[]).includes(settings.areaLabel)) settings.areaLabel = 'Electoral division';
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

/** The administrator changes how the website writes members' names and their areas (audited). */
export async function updateNameSettings(db: Queryable, actor: Actor, changes: { nameStyle: NameStyle; areaLabel: AreaLabel }): Promise<void> {
  const council = await getCouncil(db);
  if (!council) throw new ValidationError('the council is not set up yet: load the demo or import its records first', 'council');
  if (!isNameStyle(changes.nameStyle)) throw new ValidationError('Select how members\' names are written', 'nameStyle');
  if (!(AREA_LABELS as readonly string[]).includes(changes.areaLabel)) throw new ValidationError('Select what the council calls its councillors\' areas', 'areaLabel');
  const before = { nameStyle: council.settings.nameStyle, areaLabel: council.settings.areaLabel };
  await saveCouncil(db, council.name, council.shortName, changes);
  await recordAudit(db, actor, { action: 'update', entity: 'council', entityId: council.id, summary: 'Changed how members\' names and areas are written', before, after: changes });
}

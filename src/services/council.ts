// The council itself: its name and settings, and its working calendar (bank holidays and its own closures).
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar.js';
import { getCouncil } from '../store/council.js';
import type { Queryable } from '../store/db.js';

import * as council from '../store/council.js';
import { DEFAULT_NAME_STYLE, type NameStyle } from '../domain/names.js';
import { unitOfWork } from './unit.js';

export { getCouncil, saveCouncil, AREA_LABELS, type AreaLabel } from '../store/council.js';

/** How the website writes members' names and what it calls their areas (the council's settings). */
export async function councilNaming(db: Queryable): Promise<{ nameStyle: NameStyle; areaLabel: council.AreaLabel }> {
  const c = await getCouncil(db);
  return { nameStyle: c?.settings.nameStyle ?? DEFAULT_NAME_STYLE, areaLabel: c?.settings.areaLabel ?? 'Electoral division' };
}

export const changeNameSettings = unitOfWork(council.updateNameSettings);

/** The council's working calendar: bank holidays and its own closures. */
export async function councilCalendar(db: Queryable): Promise<WorkingCalendar> {
  const council = await getCouncil(db);
  return createWorkingCalendar({ extraClosures: council?.settings.extraClosures ?? [] });
}

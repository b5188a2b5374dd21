// The council itself: its name and settings, and its working calendar (bank holidays and its own closures).
import { createWorkingCalendar, type WorkingCalendar } from '../domain/calendar.js';
import { getCouncil } from '../store/council.js';
import type { Queryable } from '../store/db.js';

export { getCouncil, saveCouncil } from '../store/council.js';

/** The council's working calendar: bank holidays and its own closures. */
export async function councilCalendar(db: Queryable): Promise<WorkingCalendar> {
  const council = await getCouncil(db);
  return createWorkingCalendar({ extraClosures: council?.settings.extraClosures ?? [] });
}

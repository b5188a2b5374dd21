// Filters shared by the Nunjucks views (registered in plugins/views.ts) and the compiled pages, so a date or a
// file size reads the same whichever renders it.
import { formatDisplayDate, formatDisplayTime } from '../format.js';

/** `| displayDate` (text: escape it where it goes into HTML). */
export const displayDate = (d: string | null | undefined, withDay = true): string => (d ? formatDisplayDate(d, withDay) : '');
/** `| displayTime` (text). */
export const displayTime = (t: string | null | undefined): string => (t ? formatDisplayTime(t) : '');
/** `| fileSize` */
export function fileSize(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

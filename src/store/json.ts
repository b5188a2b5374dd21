// JSON columns: written with JSON.stringify, read back tolerant of null and damage.
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const bool = (v: boolean | undefined | null): number => (v ? 1 : 0);

export function paragraphsToText(list: readonly number[]): string {
  return [...new Set(list)].sort((a, b) => a - b).join(',');
}

export function textToParagraphs(text: string | null | undefined): number[] {
  if (!text) return [];
  return text.split(',').map((s) => Number.parseInt(s, 10)).filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}

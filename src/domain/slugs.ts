// Stable, readable URL slugs: /meetings/2012-01-09-cabinet, /bodies/policy-and-resources-cabinet-committee.

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

export function meetingSlug(date: string, bodyName: string): string {
  return `${date}-${slugify(bodyName)}`;
}

/** Makes a slug unique against those taken: "x", "x-2", "x-3"… */
export function uniqueSlug(base: string, taken: (candidate: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

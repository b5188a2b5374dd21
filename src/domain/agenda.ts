// Rules about agenda items that do not depend on storage or layout.

// Standing items open or close every agenda and have no paper; announcements, questions, petitions and oral
// updates are taken at the meeting without one.
const STANDING = /\b(announcements?|questions?( from| by| to)?|petitions?|verbal (update|report)|oral (update|report)|chairman's (announcements|remarks)|introduction|webcast\w*|apologies|substitutes?|declarations? of (members'? )?interests?|other items which|other (urgent )?business|urgent business|election of (a |the )?(vice-)?chair\w*|exclusion of the (press|public)|motion to exclude|date of (the )?next meeting)\b/i;

/** Whether an item with this title is a standing item, which needs no paper. */
export function isStandingItemTitle(title: string): boolean {
  return STANDING.test(title);
}

// The closing standing item ("Other items which the Chairman decides are relevant or urgent", "Any other urgent
// business"): nothing is added after it.
const CLOSING = /^(other items which\b.*\burgent|any other (urgent )?business|other urgent business|urgent business)\b/i;

/** Whether an item with this title closes its agenda, so that new items go before it. */
export function isClosingItemTitle(title: string): boolean {
  return CLOSING.test(title.trim());
}

/** Whether an item is the "Apologies and Substitutes" standing item, whose minute is drafted from the attendance. */
export function isApologiesItemTitle(title: string): boolean {
  return /\bapologies\b/i.test(title);
}

const joinNames = (names: string[]): string => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/**
 * The apologies minute drafted from the recorded attendance: who sent apologies, and who attended as whose
 * substitute ("Apologies were received from Mr B Baker.", "Ms C Cole attended as substitute for Mr B Baker.").
 */
export function apologiesMinute(attendance: readonly { kind: string; name_as_recorded: string; substitute_for_name: string | null; for_item_id?: number | null }[]): string[] {
  const apologies = attendance.filter((a) => a.kind === 'apologies').map((a) => a.name_as_recorded);
  const substitutes = attendance.filter((a) => a.kind === 'present' && a.substitute_for_name && !a.for_item_id);
  return [
    apologies.length ? `Apologies for absence were received from ${joinNames(apologies)}.` : 'There were no apologies for absence.',
    ...substitutes.map((s) => `${s.name_as_recorded} attended as substitute for ${s.substitute_for_name}.`),
  ];
}

/**
 * The items the draft minutes still lack: every item taken at the meeting (neither withdrawn nor deferred to
 * another meeting) that has no minute. Publishing the draft minutes without them needs the clerk's confirmation.
 */
export function itemsWithoutMinute<T extends { id: number; withdrawn: boolean | number | null; deferred_to_meeting_id: number | null }>(items: readonly T[], minutedItemIds: readonly (number | null)[]): T[] {
  const minuted = new Set(minutedItemIds);
  return items.filter((i) => !i.withdrawn && i.deferred_to_meeting_id === null && !minuted.has(i.id));
}

/** Why the draft minutes were not published while items lack a minute (naming them), unless confirmed. */
export function unwrittenMinutesRefusal(codes: readonly string[]): string {
  const one = codes.length === 1;
  return `${one ? 'item' : 'items'} ${codes.join(', ')} ${one ? 'has' : 'have'} no minute yet; write ${one ? 'it' : 'them'}, or confirm that the draft minutes are published without ${one ? 'it' : 'them'}`;
}

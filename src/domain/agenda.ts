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

// Checks a pack's input before publication. `blockingProblems` is the subset that makes a pack
// impossible or unsafe to build (buildPack refuses); `validatePack` adds the clerk's checklist.
import { createWorkingCalendar } from '../domain/calendar.js';
import { isStandingItemTitle } from '../domain/agenda.js';
import type { AgendaItem, AgendaSection, IsoDate, PackInput, Paper } from './model.js';
import { paperName, type PackProblem } from './problems.js';
import { isExemptItem, paperOwnExemption, parseIsoDate, shortDate } from './text.js';
import { quickPdfProblem } from './upload.js';

export type ClearWorkingDays = (from: IsoDate, to: IsoDate) => number;

/** Weekdays strictly between two dates (neither end counts), ignoring bank holidays. */
export const weekdaysBetween: ClearWorkingDays = (from, to) => {
  const a = parseIsoDate(from, 'publication date');
  const b = parseIsoDate(to, 'meeting date');
  let n = 0;
  for (let d = new Date(a.getTime() + 86_400_000); d < b; d = new Date(d.getTime() + 86_400_000)) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
};

export const MINIMUM_CLEAR_DAYS = 5;

// The default calendar knows England and Wales bank holidays; a council adds its own closures
// by passing its calendar's clearWorkingDaysBetween as `workingDayCheck`.
const defaultCalendar = createWorkingCalendar();
export const clearWorkingDaysBetween: ClearWorkingDays = (a, b) => defaultCalendar.clearWorkingDaysBetween(a, b);

export interface ValidateOptions {
  publishedOn?: IsoDate; // defaults to the input's publication date
  meetingDate?: IsoDate; // defaults to the input's meeting date
  lateReason?: string;
  workingDayCheck?: ClearWorkingDays;
}

/** Whether the item is a standing item (the rule is the domain's: src/domain/agenda.ts). */
export function isStandingItem(item: AgendaItem): boolean {
  return isStandingItemTitle(item.title);
}

function* eachItem(input: PackInput): Generator<{ section: AgendaSection; item: AgendaItem }> {
  for (const section of input.sections) for (const item of section.items) yield { section, item };
}

const err = (where: string, message: string): PackProblem => ({ severity: 'error', where, message });
const warn = (where: string, message: string): PackProblem => ({ severity: 'warning', where, message });

function dateProblem(value: string, where: string, field: string): PackProblem | undefined {
  try {
    parseIsoDate(value, field);
    return undefined;
  } catch (e) {
    return err(where, (e as Error).message);
  }
}

/** Problems that stop buildPack: it would print wrong legal wording or could leak exempt text. */
export function blockingProblems(input: PackInput): PackProblem[] {
  const out: PackProblem[] = [];
  for (const [value, field] of [[input.meetingDate, 'meeting date'], [input.publicationDate, 'publication date']] as const) {
    const p = dateProblem(value, 'meeting', field);
    if (p) out.push(p);
  }
  const seen = new Set<string>();
  for (const { section, item } of eachItem(input)) {
    const where = `item ${item.code}`;
    if (!item.code.trim()) out.push(err(`item "${item.title}"`, 'has no item code'));
    if (seen.has(item.code)) out.push(err(where, `item code ${item.code} is used more than once`));
    seen.add(item.code);
    const exempt = isExemptItem(item, section);
    const paras = item.exemptParagraphs ?? [];
    if (exempt && !item.withdrawn && paras.length === 0) {
      out.push(err(where, 'is exempt but gives no paragraph of Schedule 12A (1-7) for excluding the public'));
    }
    for (const p of paras) {
      if (!Number.isInteger(p) || p < 1 || p > 7) out.push(err(where, `exempt paragraph ${p} is not a paragraph of Part 1 of Schedule 12A (1-7)`));
    }
    for (const paper of item.papers) {
      const own = paperOwnExemption(paper);
      if (!exempt && own !== null && !own.length) out.push(err(`${where}, ${paperName(paper)}`, 'is exempt but gives no paragraph of Schedule 12A (1-7)'));
      if (paper.kind === 'report') {
        const p = dateProblem(paper.to.date, `${where}, ${paperName(paper)}`, 'To: date');
        if (p) out.push(p);
      }
      if (paper.kind === 'minutes' || paper.kind === 'decision') {
        const p = dateProblem(paper.date, `${where}, ${paperName(paper)}`, 'date');
        if (p) out.push(p);
      }
    }
  }
  return out;
}

// Capitals, '&' for 'and', punctuation and a leading 'the' do not make a different body.
const norm = (s: string): string => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim().replace(/^the /, '');

function paperProblems(paper: Paper, item: AgendaItem, exempt: boolean, input: PackInput): PackProblem[] {
  const where = `item ${item.code}, ${paperName(paper)}`;
  const out: PackProblem[] = [];
  if (!exempt && paperOwnExemption(paper) !== null) {
    // Supported (an exempt appendix on an open item), but the clerk should know what the public will get.
    out.push(warn(where, 'is exempt but its item is not: the public pack carries a "Document is Restricted" page in its place'));
  }
  switch (paper.kind) {
    case 'pdf': {
      const q = quickPdfProblem(paper.bytes);
      if (q) out.push(err(`paper "${paper.fileName ?? paper.title}"`, `"${paper.fileName ?? paper.title}" ${q}`));
      break;
    }
    case 'report': {
      const body = norm(paper.to.body);
      const ours = norm(input.bodyName);
      if (body !== ours) {
        out.push(err(where, `is addressed to "${paper.to.body}", not to the ${input.bodyName}`));
      }
      if (!dateProblem(paper.to.date, where, 'To: date') && paper.to.date !== input.meetingDate) {
        out.push(err(where, `is addressed to the meeting of ${shortDate(paper.to.date)}, but this meeting is on ${shortDate(input.meetingDate)}`));
      }
      if (exempt && !paper.exemptParagraphs?.length) {
        out.push(warn(where, 'is classified Unrestricted but sits in an exempt item; check its classification'));
      }
      if (!paper.recommendations.items.length) out.push(warn(where, 'has no recommendations'));
      if (!paper.contacts.length) out.push(warn(where, 'has no contact details'));
      break;
    }
    case 'minutes':
      if (!dateProblem(paper.date, where, 'date') && paper.date >= input.meetingDate) {
        out.push(err(where, `are of a meeting on ${shortDate(paper.date)}, not before this meeting (${shortDate(input.meetingDate)})`));
      }
      break;
    case 'decision':
      if (!/^\d{2}\/\d{5}$/.test(paper.number)) out.push(err(where, `decision number "${paper.number}" is not in the form YY/NNNNN`));
      break;
  }
  return out;
}

export function validatePack(input: PackInput, opts: ValidateOptions = {}): PackProblem[] {
  const out = blockingProblems(input);
  const meetingDate = opts.meetingDate ?? input.meetingDate;
  const publishedOn = opts.publishedOn ?? input.publicationDate;

  if (!dateProblem(meetingDate, 'meeting', 'meeting date') && !dateProblem(publishedOn, 'meeting', 'publication date')) {
    if (publishedOn >= meetingDate) {
      out.push(err('meeting', `the agenda is published on ${shortDate(publishedOn)}, not before the meeting on ${shortDate(meetingDate)}`));
    } else {
      const clear = (opts.workingDayCheck ?? clearWorkingDaysBetween)(publishedOn, meetingDate);
      if (clear < MINIMUM_CLEAR_DAYS) {
        const what = `published ${clear} clear working day${clear === 1 ? '' : 's'} before the meeting (at least ${MINIMUM_CLEAR_DAYS} are required)`;
        out.push(opts.lateReason?.trim()
          ? warn('meeting', `${what}; late publication reason recorded: ${opts.lateReason.trim()}`)
          : err('meeting', `${what}, and no reason for late publication is recorded`));
      }
    }
  }
  if (!/^\d{1,2}:\d{2}$/.test(input.meetingTime)) out.push(warn('meeting', `meeting time "${input.meetingTime}" is not HH:MM`));
  if (!input.askFor.length) out.push(warn('meeting', 'no "Ask for" contact is given'));

  for (const g of input.membership?.groups ?? []) {
    const filled = g.members.length + (g.vacancies ?? 0);
    if (filled !== g.seats) {
      out.push(warn('membership', `${g.name} has ${g.seats} seats but ${g.members.length} members and ${g.vacancies ?? 0} vacancies are listed`));
    }
  }

  // Comparing papers with the meeting needs a readable meeting date (reported above if not).
  if (dateProblem(input.meetingDate, 'meeting', 'meeting date')) return out;
  for (const { section, item } of eachItem(input)) {
    if (item.withdrawn) continue;
    const where = `item ${item.code}`;
    const exempt = isExemptItem(item, section);
    // An item whose report was withdrawn stays on the agenda without it ("report withdrawn").
    if (!item.papers.length && !item.toFollow && !isStandingItem(item) && !item.withdrawnPapers?.length) {
      out.push(err(where, `"${item.title}" has no paper and is not marked "to follow"`));
    }
    if (exempt && !section.exempt) {
      out.push(warn(where, 'has exempt paragraphs but is listed under an unrestricted section; its papers will be withheld from the public pack'));
    }
    if (exempt && !item.publicInterestReason?.trim()) {
      out.push(warn(where, 'is exempt but no public interest test reason is recorded'));
    }
    for (const paper of item.papers) out.push(...paperProblems(paper, item, exempt, input));
  }
  for (const s of input.sections) {
    if (!s.items.length && !s.emptyText) out.push(warn(`section ${s.letter ?? s.title ?? ''}`.trim(), 'has no items; "There are no items for consideration" will be printed'));
  }
  return out;
}

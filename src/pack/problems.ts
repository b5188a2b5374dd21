// Problems found in a pack's input, and the error thrown when a pack cannot be built safely.

export interface PackProblem {
  severity: 'error' | 'warning';
  /** 'item B2', 'paper "x.pdf"', 'meeting', 'membership' */
  where: string;
  message: string;
}

export class PackError extends Error {
  readonly problems: PackProblem[];
  constructor(problems: PackProblem[]) {
    super(
      problems.length === 1
        ? `Cannot build the pack: ${problems[0].where}: ${problems[0].message}`
        : `Cannot build the pack (${problems.length} problems):\n${problems.map((p) => `- ${p.where}: ${p.message}`).join('\n')}`,
    );
    this.name = 'PackError';
    this.problems = problems;
  }
}

export function paperName(p: { kind: string; title?: string; fileName?: string; subject?: string; number?: string; date?: string }): string {
  if (p.kind === 'pdf') return `paper "${p.fileName ?? p.title ?? 'uploaded PDF'}"`;
  if (p.kind === 'report') return `report "${p.subject}"`;
  if (p.kind === 'minutes') return `minutes of ${p.date}`;
  if (p.kind === 'data-report') return `${p.title ?? 'dashboard or budget report'} (from data)`;
  if (p.kind === 'call-in-cover' || p.kind === 'follow-up-schedule' || p.kind === 'work-programme') return `${p.title ?? p.kind} (from the record)`;
  return `decision ${p.number}`;
}

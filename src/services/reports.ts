// Authored reports as the pack builder sees them.
import type { ExemptParagraph } from '../domain/types.js';
import type { ReportPaper } from '../pack/model.js';
import { IMPLICATION_HEADINGS, type AuthoredReport } from '../store/reports.js';

/** The stored template as the pack builder's report paper, for the preview and the pack. */
export function toReportPaper(r: AuthoredReport, meetingDate: string | null): ReportPaper {
  const implication = (h: string) => r.sections.find((s) => s.heading === h)?.paragraphs.join('\n\n').trim() || undefined;
  const other = r.sections.filter((s) => !(IMPLICATION_HEADINGS as readonly string[]).includes(s.heading));
  return {
    kind: 'report',
    from: r.from.length ? r.from : ['(not yet given)'],
    to: { body: r.to || '(meeting not chosen)', date: r.toDate ?? meetingDate ?? new Date().toISOString().slice(0, 10) },
    subject: r.subject,
    exemptParagraphs: r.classification === 'exempt' ? (r.exemptParagraphs as ExemptParagraph[]) : undefined,
    pastPathway: r.pathway ?? undefined,
    electoralDivisions: r.electoralDivisions ?? undefined,
    summary: r.summary,
    recommendations: { items: r.recommendations },
    sections: other.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs })),
    implications: { financial: implication(IMPLICATION_HEADINGS[0]), legal: implication(IMPLICATION_HEADINGS[1]), equality: implication(IMPLICATION_HEADINGS[2]) },
    backgroundDocuments: r.backgroundDocuments,
    contacts: r.contacts.map((c) => ({ name: c.name, title: c.title ?? undefined, phone: c.phone ?? undefined, email: c.email ?? undefined })),
    appendices: r.appendices.map((a, i) => `Appendix ${String.fromCharCode(65 + i)}: ${a.title}`),
  };
}

export { REPORT_STATUS_LABELS, type ReportStatus } from '../store/reports.js';

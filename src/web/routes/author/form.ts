// The report form (primer §5 template) as fields, and back: what the author typed becomes an AuthoredReport;
// a stored report fills the form again. Lists are one entry per line; section text is paragraphs split by blank lines.
import type { Classification, ExemptParagraph } from '../../../domain/types.js';
import { field } from '../../forms.js';
import { IMPLICATION_HEADINGS, implicationField, type AuthoredReport } from '../../../services/reports.js';

export const SECTION_SLOTS = 4;

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const paragraphs = (s: string) => s.split(/\r?\n\s*\r?\n/).map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim()).filter(Boolean);
const orNull = (s: string) => s.trim() || null;

function list(body: unknown, name: string): string[] {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

export interface ReportForm {
  meetingId: number | null;
  agendaItemId: number | null;
  report: AuthoredReport;
}

export function reportFromForm(body: unknown, appendices: AuthoredReport['appendices'] = []): ReportForm {
  const sections: AuthoredReport['sections'] = [];
  for (let i = 1; i <= SECTION_SLOTS; i++) {
    const heading = field(body, `section${i}Heading`).trim();
    const text = paragraphs(field(body, `section${i}Body`));
    if (heading || text.length) sections.push({ heading: heading || `Section ${i}`, paragraphs: text });
  }
  for (const h of IMPLICATION_HEADINGS) sections.push({ heading: h, paragraphs: paragraphs(field(body, implicationField(h))) });
  const classification: Classification = field(body, 'classification') === 'exempt' ? 'exempt' : 'unrestricted';
  const contactName = field(body, 'contactName').trim();
  const meetingId = Number.parseInt(field(body, 'meetingId'), 10);
  const itemId = Number.parseInt(field(body, 'agendaItemId'), 10);
  return {
    meetingId: Number.isInteger(meetingId) ? meetingId : null,
    agendaItemId: Number.isInteger(itemId) ? itemId : null,
    report: {
      from: lines(field(body, 'from')),
      to: '',
      toDate: null,
      subject: field(body, 'subject').trim(),
      classification,
      exemptParagraphs: classification === 'exempt' ? list(body, 'exemptParagraphs').map(Number).filter((n) => Number.isInteger(n)) as ExemptParagraph[] : [],
      pathway: orNull(field(body, 'pathway')),
      electoralDivisions: orNull(field(body, 'electoralDivisions')),
      summary: field(body, 'summary').trim(),
      recommendations: lines(field(body, 'recommendations')),
      sections,
      backgroundDocuments: lines(field(body, 'backgroundDocuments')),
      contacts: contactName || field(body, 'contactEmail').trim()
        ? [{ name: contactName, title: orNull(field(body, 'contactTitle')), phone: orNull(field(body, 'contactPhone')), email: orNull(field(body, 'contactEmail')) }]
        : [],
      appendices,
    },
  };
}

/** The form's values from a stored report. */
export function formValues(r: AuthoredReport, meetingId: number | null, agendaItemId: number | null): Record<string, unknown> {
  const values: Record<string, unknown> = {
    meetingId: meetingId === null ? '' : String(meetingId), agendaItemId: agendaItemId === null ? '' : String(agendaItemId),
    from: r.from.join('\n'), subject: r.subject, classification: r.classification, exemptParagraphs: r.exemptParagraphs.map(String),
    pathway: r.pathway ?? '', electoralDivisions: r.electoralDivisions ?? '', summary: r.summary, recommendations: r.recommendations.join('\n'),
    backgroundDocuments: r.backgroundDocuments.join('\n'),
    contactName: r.contacts[0]?.name ?? '', contactTitle: r.contacts[0]?.title ?? '', contactPhone: r.contacts[0]?.phone ?? '', contactEmail: r.contacts[0]?.email ?? '',
  };
  const body = r.sections.filter((s) => !(IMPLICATION_HEADINGS as readonly string[]).includes(s.heading));
  body.slice(0, SECTION_SLOTS).forEach((s, i) => {
    values[`section${i + 1}Heading`] = s.heading;
    values[`section${i + 1}Body`] = s.paragraphs.join('\n\n');
  });
  for (const h of IMPLICATION_HEADINGS) values[implicationField(h)] = (r.sections.find((s) => s.heading === h)?.paragraphs ?? []).join('\n\n');
  return values;
}

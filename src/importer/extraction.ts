// Moot's extraction format (v1): what the importer reads out of a legacy meeting pack.
// Field names match the hand-checked corpus format so extractions can be scored against it.
import { z } from 'zod';

export const EXTRACTION_FORMAT_VERSION = 1;

export interface ExtractedContact {
  name: string;
  phone: string | null;
}

export interface ExtractedMeeting {
  body: string | null;
  date: string | null; // YYYY-MM-DD
  time: string | null; // HH:MM (24h)
  venue: string | null;
  contacts: ExtractedContact[];
  publishedOn: string | null;
  publishedBy: string | null;
}

export type MemberRole = 'Chairman' | 'Vice-Chairman' | 'Substitute' | 'Vacancy' | null;

export interface ExtractedMember {
  name: string | null;
  group: string | null;
  role: MemberRole;
}

export type AgendaSection = 'unrestricted' | 'exempt';

export interface ExtractedAgendaItem {
  /** as printed ("3", "A4"); "" when the agenda prints no numbers (codes are then assigned on import) */
  code: string;
  title: string;
  section: AgendaSection;
  pages: [number, number] | null;
  toFollow: boolean;
}

export interface ExtractedSubstitute {
  member: string;
  for: string;
}

export interface ExtractedMinuteItem {
  number: string;
  title: string;
}

export interface ExtractedMinutes {
  body: string | null;
  date: string | null;
  present: string[];
  alsoPresent: string[];
  inAttendance: string[];
  apologies: string[];
  substitutes: ExtractedSubstitute[];
  items: ExtractedMinuteItem[];
}

export interface ExtractedDecision {
  number: string;
  takenBy: string | null;
  date: string | null;
  subject: string | null;
}

export interface Extraction {
  source: string;
  meeting: ExtractedMeeting;
  membership: ExtractedMember[];
  agenda: ExtractedAgendaItem[];
  minutes: ExtractedMinutes[];
  decisions: ExtractedDecision[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const hhmm = z.string().regex(/^\d{2}:\d{2}$/, 'time must be HH:MM');

export const extractionSchema = z.object({
  source: z.string(),
  meeting: z.object({
    body: z.string().nullable(),
    date: isoDate.nullable(),
    time: hhmm.nullable(),
    venue: z.string().nullable(),
    contacts: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
    publishedOn: isoDate.nullable(),
    publishedBy: z.string().nullable(),
  }),
  membership: z.array(z.object({
    name: z.string().nullable(),
    group: z.string().nullable(),
    role: z.enum(['Chairman', 'Vice-Chairman', 'Substitute', 'Vacancy']).nullable(),
  })),
  agenda: z.array(z.object({
    code: z.string(),
    title: z.string(),
    section: z.enum(['unrestricted', 'exempt']),
    pages: z.tuple([z.number().int(), z.number().int()]).nullable(),
    toFollow: z.boolean(),
  })),
  minutes: z.array(z.object({
    body: z.string().nullable(),
    date: isoDate.nullable(),
    present: z.array(z.string()),
    alsoPresent: z.array(z.string()),
    inAttendance: z.array(z.string()),
    apologies: z.array(z.string()),
    substitutes: z.array(z.object({ member: z.string(), for: z.string() })),
    items: z.array(z.object({ number: z.string(), title: z.string() })),
  })),
  decisions: z.array(z.object({
    number: z.string(),
    takenBy: z.string().nullable(),
    date: isoDate.nullable(),
    subject: z.string().nullable(),
  })),
});

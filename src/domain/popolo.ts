// Popolo (popoloproject.com) with the Open Civic Data conventions: the shapes Moot's open-data export writes, as
// JSON Schema. Transcribed from the Popolo schemas (person, organization, post, membership, event, vote_event,
// count, vote, link, identifier, other_name; draft-03 "required": true turned into "required" lists) and the OCD
// event and vote event conventions (agenda, participants, documents, media; motion_text, counts, votes). Open:
// additional properties are allowed, as in Popolo. Pure data: the export is validated against these in tests, and
// the API's OpenAPI document describes its export routes with them.

const nullableString = { type: ['string', 'null'] } as const;
/** Popolo's date pattern: a year, year-month or date (memberships, birth dates). */
export const POPOLO_DATE = '^[0-9]{4}((-[0-9]{2}){0,2})$';
/** Popolo's event time pattern: a date, or a date and time with a zone. */
export const POPOLO_DATE_TIME = '^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}T[0-9]{2}(:[0-9]{2}){0,2}(Z|[+-][0-9]{2}(:[0-9]{2})?))$';

const link = { type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' }, note: nullableString, media_type: nullableString } } as const;
const links = { type: 'array', items: link } as const;
const identifier = { type: 'object', required: ['identifier'], properties: { identifier: { type: 'string' }, scheme: nullableString } } as const;
const otherName = { type: 'object', required: ['name'], properties: { name: { type: 'string' }, note: nullableString, start_date: nullableString, end_date: nullableString } } as const;
const ocdId = (kind: string) => ({ type: 'string', pattern: `^ocd-${kind}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$` });
const nullableOcdId = (kind: string) => ({ anyOf: [ocdId(kind), { type: 'null' }] });

export const popoloSchemas = {
  person: {
    title: 'Person', description: 'A real person, alive or dead',
    type: 'object', additionalProperties: true, required: ['id', 'name'],
    properties: {
      id: ocdId('person'), name: { type: 'string', minLength: 1 }, other_names: { type: 'array', items: otherName }, identifiers: { type: 'array', items: identifier },
      family_name: nullableString, given_name: nullableString, additional_name: nullableString, honorific_prefix: nullableString, honorific_suffix: nullableString,
      sort_name: nullableString, email: nullableString, gender: nullableString,
      birth_date: { type: ['string', 'null'], pattern: POPOLO_DATE }, death_date: { type: ['string', 'null'], pattern: POPOLO_DATE },
      image: nullableString, summary: nullableString, biography: nullableString, links, sources: links,
    },
  },
  organization: {
    title: 'Organization', description: 'A group with a common purpose or reason for existence that goes beyond the set of people belonging to it',
    type: 'object', additionalProperties: true, required: ['id', 'name'],
    properties: {
      id: ocdId('organization'), name: { type: 'string', minLength: 1 }, other_names: { type: 'array', items: otherName }, identifiers: { type: 'array', items: identifier },
      classification: { type: 'string', enum: ['legislature', 'executive', 'upper', 'lower', 'committee', 'party', 'government', 'commission', 'corporation', 'agency', 'department'] },
      parent_id: nullableOcdId('organization'), description: nullableString,
      founding_date: { type: ['string', 'null'], pattern: POPOLO_DATE }, dissolution_date: { type: ['string', 'null'], pattern: POPOLO_DATE },
      links, sources: links,
    },
  },
  post: {
    title: 'Post', description: 'A position that exists independent of the person holding it',
    type: 'object', additionalProperties: true, required: ['id', 'label', 'organization_id'],
    properties: {
      id: ocdId('post'), label: { type: 'string', minLength: 1 }, role: nullableString, organization_id: ocdId('organization'),
      start_date: { type: ['string', 'null'], pattern: POPOLO_DATE }, end_date: { type: ['string', 'null'], pattern: POPOLO_DATE }, links, sources: links,
    },
  },
  membership: {
    title: 'Membership', description: 'A relationship between a member and an organization',
    type: 'object', additionalProperties: true, required: ['id', 'person_id', 'organization_id'],
    properties: {
      id: ocdId('membership'), label: nullableString, role: nullableString, person_id: ocdId('person'), organization_id: ocdId('organization'),
      post_id: nullableOcdId('post'), on_behalf_of_id: nullableOcdId('organization'),
      start_date: { type: ['string', 'null'], pattern: POPOLO_DATE }, end_date: { type: ['string', 'null'], pattern: POPOLO_DATE }, links, sources: links,
    },
  },
  event: {
    title: 'Event', description: 'An occurrence that people may attend (OCD: a meeting with its agenda)',
    type: 'object', additionalProperties: true, required: ['id', 'name', 'start_date', 'classification', 'status', 'agenda', 'participants', 'documents'],
    properties: {
      id: ocdId('event'), name: { type: 'string', minLength: 1 }, description: nullableString, classification: { type: 'string' },
      start_date: { type: 'string', pattern: POPOLO_DATE_TIME }, end_date: { type: ['string', 'null'], pattern: POPOLO_DATE_TIME },
      timezone: nullableString, all_day: { type: 'boolean' }, status: { type: 'string', enum: ['tentative', 'confirmed', 'cancelled', 'passed'] },
      location: { anyOf: [{ type: 'null' }, { type: 'object', required: ['name'], properties: { name: { type: 'string' }, note: nullableString, coordinates: { type: ['object', 'null'] } } }] },
      organization_id: nullableOcdId('organization'),
      participants: { type: 'array', items: { type: 'object', required: ['name', 'entity_type'], properties: { name: { type: 'string' }, entity_type: { type: 'string', enum: ['person', 'organization'] }, entity_id: { type: ['string', 'null'] }, note: nullableString } } },
      agenda: { type: 'array', items: { type: 'object', required: ['description', 'order'], properties: {
        description: { type: 'string', minLength: 1 }, order: { type: 'string' }, classification: { type: 'array', items: { type: 'string' } }, subjects: { type: 'array', items: { type: 'string' } },
        notes: { type: 'array', items: { type: 'string' } }, media: { type: 'array' },
        related_entities: { type: 'array', items: { type: 'object', required: ['entity_type'], properties: { entity_type: { type: 'string' }, entity_id: { type: ['string', 'null'] }, entity_name: nullableString, note: nullableString } } },
      } } },
      documents: { type: 'array', items: { type: 'object', required: ['note', 'links'], properties: { note: { type: 'string' }, date: { type: ['string', 'null'], pattern: POPOLO_DATE }, media_type: nullableString, links: { type: 'array', minItems: 1, items: link } } } },
      media: { type: 'array', items: { type: 'object', required: ['note', 'links'], properties: { note: { type: 'string' }, links: { type: 'array', items: link } } } },
      links, sources: links,
    },
  },
  vote_event: {
    title: 'Vote event', description: 'An event at which people\'s votes are recorded',
    type: 'object', additionalProperties: true, required: ['id', 'motion_text', 'start_date', 'result', 'organization_id', 'counts', 'votes'],
    properties: {
      id: ocdId('vote'), identifier: nullableString, motion_text: { type: 'string' }, motion_classification: { type: 'array', items: { type: 'string' } },
      start_date: { type: 'string', pattern: POPOLO_DATE_TIME }, end_date: { type: ['string', 'null'], pattern: POPOLO_DATE_TIME },
      result: { type: 'string', enum: ['pass', 'fail'] }, organization_id: ocdId('organization'), event_id: nullableOcdId('event'),
      counts: { type: 'array', items: { type: 'object', required: ['option', 'value'], properties: { option: { type: 'string', enum: ['yes', 'no', 'abstain', 'absent', 'not voting', 'paired', 'excused'] }, value: { type: 'integer', minimum: 0 } } } },
      votes: { type: 'array', items: { type: 'object', required: ['option', 'voter_name'], properties: { option: { type: 'string', enum: ['yes', 'no', 'abstain', 'absent', 'not voting', 'paired', 'excused'] }, voter_name: { type: 'string' }, voter_id: nullableOcdId('person') } } },
      sources: links,
    },
  },
} as const;

export const POPOLO_COLLECTIONS = ['organizations', 'persons', 'posts', 'memberships', 'events', 'vote_events'] as const;
export type PopoloCollection = (typeof POPOLO_COLLECTIONS)[number];

/** Which schema each collection's members follow. */
export const COLLECTION_SCHEMA: Record<PopoloCollection, keyof typeof popoloSchemas> = {
  organizations: 'organization', persons: 'person', posts: 'post', memberships: 'membership', events: 'event', vote_events: 'vote_event',
};

type Open = Record<string, unknown>;
export interface PopoloExport {
  organizations: ({ id: string; name: string; classification: string; parent_id: string | null } & Open)[];
  persons: ({ id: string; name: string } & Open)[];
  posts: ({ id: string; label: string; organization_id: string } & Open)[];
  memberships: ({ id: string; person_id: string; organization_id: string; start_date: string | null; end_date: string | null } & Open)[];
  events: ({ id: string; name: string; start_date: string; status: string } & Open)[];
  vote_events: ({ id: string; motion_text: string; result: 'pass' | 'fail'; organization_id: string } & Open)[];
}

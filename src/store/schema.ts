// The database as Kysely sees it. One schema for SQLite and PostgreSQL: dates and timestamps are ISO text,
// booleans are integers (0/1), lists and structured fields are JSON text, so every query is portable.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Bool = number; // 0 | 1

export interface CouncilTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  settings_json: string; // { extraClosures, notices, signatory... }
}

export interface PoliticalGroupTable {
  id: Generated<number>;
  name: string;
  short_name: string | null;
  colour: string | null;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  title: string | null;
  forenames: string | null;
  initials: string | null;
  surname: string;
  post_nominals: string | null;
  match_key: string; // initials + surname, normalised: see domain/names.ts
  kind: string; // PersonKind
  group_id: number | null;
  job_title: string | null;
  division: string | null;
  email: string | null;
  phone: string | null;
  /** A postal address for constituents (optional). */
  address: string | null;
  /** The photo's blob and its checked type (image/jpeg, image/png or image/webp); null without a photo. */
  photo_sha256: string | null;
  photo_type: string | null;
  created_at: string;
}

export interface BodyTable {
  id: Generated<number>;
  slug: string;
  name: string;
  match_key: string;
  kind: string; // BodyKind
  size: number | null;
  agenda_style: string; // AgendaStyle
  purpose: string | null;
  last_minute_number: number;
  created_at: string;
}

export interface BodySeatTable {
  id: Generated<number>;
  body_id: number;
  group_id: number;
  seats: number;
}

export interface MembershipTable {
  id: Generated<number>;
  body_id: number;
  person_id: number;
  role: string; // MembershipRole
  group_id: number | null;
  co_opted_category: string | null;
  voting_note: string | null;
  /** A Cabinet member's portfolio ("Adult Social Care and Public Health"). */
  portfolio: string | null;
  starts_on: string;
  ends_on: string | null;
}

export interface MeetingTable {
  id: Generated<number>;
  slug: string;
  body_id: number;
  date: string;
  time: string | null;
  venue: string | null;
  status: string; // MeetingStatus
  status_reason: string | null;
  webcast_url: string | null;
  contacts_json: string; // Contact[]
  historic: Bool;
  agenda_published_at: string | null;
  agenda_published_by: string | null;
  signatory_name: string | null;
  signatory_title: string | null;
  /** Published agenda's publication date as printed (for historic packs). */
  published_on: string | null;
  /** The meeting at which these minutes were approved, and any amendments recorded then. */
  minutes_approved_at_meeting_id: number | null;
  minutes_amendments: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgendaSectionTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  letter: string | null;
  title: string;
  exempt: Bool;
}

export interface AgendaItemTable {
  id: Generated<number>;
  meeting_id: number;
  section_id: number | null;
  position: number;
  code: string;
  title: string;
  purpose: string | null;
  presenters_json: string; // string[]
  guests_json: string; // Guest[]
  to_follow: Bool;
  withdrawn: Bool;
  deferred_to_meeting_id: number | null;
  deferred_from_item_id: number | null;
  urgent_reason: string | null;
  exempt: Bool;
  exempt_paragraphs: string; // "3,5"
  public_interest_reason: string | null;
  page_start: number | null;
  page_end: number | null;
}

export interface DocumentTable {
  id: Generated<number>;
  slug: string;
  meeting_id: number | null;
  agenda_item_id: number | null;
  kind: string; // DocumentKind
  title: string;
  classification: string; // Classification
  exempt_paragraphs: string;
  /** Report workflow for structured reports: draft → submitted → approved | returned. */
  workflow_status: string | null;
  author_person_id: number | null;
  position: number;
  current_version: number;
  created_at: string;
  /** A withdrawn paper (migration 024): when, by whom and why; its versions stay as its history. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  /** Whether it was public when withdrawn: one withdrawn before its agenda was published never becomes public. */
  withdrawn_public: Generated<Bool>;
}

/** Each withdrawal of a paper (migration 030), closed when it is reinstated: the paper's history of both. */
export interface DocumentWithdrawalTable {
  id: Generated<number>;
  document_id: number;
  withdrawn_at: string;
  withdrawn_by: string;
  withdrawn_reason: string;
  /** Whether the paper was public when withdrawn: only then is this step shown to the public. */
  withdrawn_public: Generated<Bool>;
  reinstated_at: string | null;
  reinstated_by: string | null;
  reinstated_reason: string | null;
}

export interface DocumentVersionTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  file_name: string | null;
  content_type: string | null;
  size: number | null;
  sha256: string | null; // of the file, when it has one (blob key)
  page_count: number | null;
  /** Plain text, one entry per page: for search to the page and the HTML view. */
  pages_json: string | null;
  /** A structured report (the template of primer §5), minutes or decision data. */
  structured_json: string | null;
  note: string | null; // why this version was made ("correction: …")
  /** JSON array of the 1-based pages whose text was read by OCR (it may contain errors); null when none */
  ocr_pages: string | null;
  /** This version's classification (migration 004): a version made while exempt stays exempt. */
  classification: Generated<string>;
  exempt_paragraphs: Generated<string>;
  created_at: string;
  created_by: string;
}

export interface BlobTable {
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

export interface PublicationTable {
  id: Generated<number>;
  meeting_id: number;
  kind: string; // 'agenda' | 'supplementary' | 'minutes'
  version: number;
  audience: string; // 'public' | 'confidential'
  sha256: string;
  size: number;
  page_count: number;
  items_json: string; // [{code, startPage, endPage}]
  published_at: string;
  published_by: string;
  late_reason: string | null;
  /** When a public pack was withheld because an item in it was made exempt after publication (migration 010). */
  withheld_at: string | null;
  withheld_reason: string | null;
  /** Why a pack was reissued as a new version (migration 024: "paper withdrawn: …"); null for a first issue. */
  note: string | null;
}

export interface AttendanceTable {
  id: Generated<number>;
  meeting_id: number;
  person_id: number | null;
  name_as_recorded: string;
  kind: string; // AttendanceKind
  role: string | null;
  substitute_for_person_id: number | null;
  substitute_for_name: string | null;
  for_item_id: number | null;
}

export interface DeclarationTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  person_id: number | null;
  person_name: string;
  kind: string; // InterestKind
  nature: string;
  dispensation: string | null;
}

export interface MinuteTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  position: number;
  number: string;
  sequence: number | null;
  title: string;
  paragraphs_json: string; // string[]
  resolutions_json: string; // Resolution[]
  votes_json: string; // RecordedVote[]
  post_meeting_note: string | null;
  exempt: Bool;
}

export interface DecisionTable {
  id: Generated<number>;
  number: string; // "YY/NNNNN", unique
  year: number;
  seq: number;
  slug: string;
  taker_kind: string; // DecisionTakerKind
  taker_name: string;
  taker_body_id: number | null;
  taker_person_id: number | null;
  meeting_id: number | null;
  agenda_item_id: number | null;
  taken_on: string;
  subject: string;
  key_decision: Bool;
  urgent: Bool;
  classification: string;
  contains_exempt_information: Bool;
  /** The paragraphs of Part 1 of Schedule 12A the record cites ("3,5"): public, as the record says it left them out. */
  exempt_paragraphs: Generated<string>;
  decision_text: string;
  reasons: string | null;
  alternatives: string | null;
  interests_declared: string | null;
  background_documents: string | null;
  forward_plan_entry_id: number | null;
  /** A decision taken on reconsideration after call-in: the decision it replaces. */
  reconsiders_decision_id: number | null;
  notice_basis: string | null; // NoticeBasis: 'forward-plan' | 'general-exception' | 'special-urgency'
  portfolio: string | null;
  proposed_on: string | null;
  consultation: string | null;
  dispensations: string | null;
  implemented_on: string | null;
  /** Who entered a Cabinet Member's decision on their behalf (Democratic Services); null when the taker entered it. */
  entered_by: Generated<string | null>;
  status: string; // DecisionStatus
  published_on: string | null;
  call_in_ends_on: string | null;
  created_at: string;
}

/**
 * The exempt part of a Record of Decision taken in private: the exempt reasons, details or appendix text the clerk
 * marked as exempt. Apart from the decision row, so no read of the record carries it unless it asks for it.
 */
export interface DecisionExemptPartTable {
  decision_id: number;
  text: string;
  created_at: string;
}

export interface DecisionCounterTable {
  year: number;
  last_seq: number;
}

export interface CallInTable {
  id: Generated<number>;
  decision_id: number;
  requested_by: string;
  requested_on: string;
  reasons: string;
  status: string; // 'requested' | 'considered' | 'withdrawn'
  considered_at_meeting_id: number | null;
  outcome: string | null; // 'a' | 'b' | 'c' | 'd' (primer §4)
  outcome_notes: string | null;
  requested_by_person_id: number | null;
  basis: string | null; // 'scrutiny-chair' | 'members'
  valid_on: string | null;
  refusal_reason: string | null;
  /** The cover sheet's background paragraph. */
  background: string | null;
  /** The scrutiny committee's agenda item that considers it. */
  agenda_item_id: number | null;
  outcome_on: string | null;
  created_at: Generated<string>;
}

export interface CallInSignatoryTable {
  id: Generated<number>;
  call_in_id: number;
  person_id: number;
  name: string;
  signed_on: string;
  signed_at: string;
}

export interface ForwardPlanEntryTable {
  id: Generated<number>;
  reference: string | null;
  title: string;
  taker_name: string;
  expected_on: string | null;
  key_decision: Bool;
  private: Bool;
  exempt_paragraphs: string;
  /** The day the entry first appeared on a published edition of the forward plan. */
  notice_published_on: string | null;
  decision_id: number | null;
  status: Generated<string>; // ForwardPlanStatus
  taker_kind: Generated<string>; // DecisionTakerKind
  taker_body_id: number | null;
  taker_person_id: number | null;
  portfolio: string | null;
  meeting_id: number | null;
  key_reason: string | null;
  expenditure_pence: number | null;
  divisions: Generated<string>; // '; '-separated division names
  documents: string | null;
  consultation: string | null;
  contact: string | null;
  private_reason: string | null;
  reasons_notice_published_on: string | null;
  representations: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface ForwardPlanEventTable {
  id: Generated<number>;
  entry_id: number;
  on_date: string;
  at: string;
  action: string; // 'added' | 'amended' | 'deferred' | 'withdrawn' | 'taken' | 'reinstated'
  from_status: string | null;
  to_status: string | null;
  from_expected_on: string | null;
  to_expected_on: string | null;
  note: string | null;
  actor_name: string;
}

/** A published edition of the notice of key decisions: a dated snapshot, never overwritten. */
export interface ForwardPlanEditionTable {
  id: Generated<number>;
  edition: number;
  published_on: string;
  published_at: string;
  published_by: string;
  entries_json: string;
  note: string | null;
}

/** A general exception or special urgency, for the notice and the quarterly report to full Council. */
export interface NoticeExceptionTable {
  id: Generated<number>;
  kind: string; // 'general-exception' | 'special-urgency'
  forward_plan_entry_id: number | null;
  decision_id: number | null;
  subject: string;
  decision_on: string;
  chair_notified_on: string | null;
  published_on: string | null;
  agreed_on: string | null;
  agreed_by: string | null;
  reason: string;
  created_at: string;
}

export interface ImportRecordTable {
  id: Generated<number>;
  source: string; // file name
  sha256: string;
  version: number;
  meeting_id: number | null;
  imported_at: string;
  imported_by: string;
  warnings_json: string;
  extraction_json: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_kind: string;
  actor_id: number | null;
  actor_name: string;
  action: string; // 'create' | 'update' | 'delete' | 'publish' | 'import' | …
  entity: string; // table / record kind
  entity_id: string | null;
  summary: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface UserAccountTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: string; // 'administrator' | 'clerk' | 'report-author' | 'councillor'
  person_id: number | null;
  failed_logins: number;
  locked_until: string | null;
  disabled: Bool;
  created_at: string;
  password_changed_at: string | null;
}

export interface UserSessionTable {
  id: string; // hash of the session token
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  csrf_token: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** Space-separated: "read", or "read write" (migration 012). */
  scopes: Generated<string>;
  /** After this instant the token no longer works; null: never expires. */
  expires_at: string | null;
  /** JSON array of the bodies it may write to; null: no limit beyond its user's role (migration 025). */
  body_ids: string | null;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Exempt papers a clerk lets a councillor see beyond the bodies they sit on. */
export interface ExemptGrantTable {
  id: Generated<number>;
  person_id: number;
  meeting_id: number;
  granted_by: string;
  granted_at: string;
  reason: string | null;
}

export interface InterestRegisterTable {
  id: Generated<number>;
  person_id: number;
  category: string;
  description: string;
  registered_on: string;
  removed_on: string | null;
}

export interface WorkProgrammeItemTable {
  id: Generated<number>;
  body_id: number;
  meeting_id: number | null;
  title: string;
  notes: string | null;
  position: number;
  kind: Generated<string>; // 'item' | 'review' | 'call-in' | 'follow-up'
  lead: string | null;
  status: Generated<string>; // 'planned' | 'done' | 'dropped'
  review_id: number | null;
  created_at: Generated<string>;
}

/** A scrutiny recommendation on the follow-up ("rolling") schedule and its responses (primer §4). */
export interface FollowUpTable {
  id: Generated<number>;
  body_id: number;
  title: string;
  portfolio: string | null;
  synopsis: string | null;
  reason: string | null;
  considered_on: string | null;
  recommendations_json: string; // [{ number, text, responses: [{ text, respondedOn, actioned, notes }] }]
  status: string; // 'open' | 'closed'
  decision_id: number | null;
  call_in_id: number | null;
  created_at: Generated<string>;
}

export interface FollowUpRecommendationTable {
  id: Generated<number>;
  follow_up_id: number;
  number: number;
  part: string | null;
  text: string;
  verdict: string | null; // FollowUpVerdict
  verdict_on: string | null;
  position: number;
}

export interface FollowUpResponseTable {
  id: Generated<number>;
  recommendation_id: number;
  round: number;
  text: string;
  responded_on: string;
  responder: string | null;
  date_actioned: string; // formatDateActioned
  notes: string | null;
  created_at: string;
}

export interface ScrutinyReviewTable {
  id: Generated<number>;
  slug: string;
  body_id: number | null;
  title: string;
  terms_of_reference: string;
  stage: string; // ReviewStage
  started_on: string;
  report_summary: string | null;
  report_document_id: number | null;
  response: string | null;
  created_at: string;
}

export interface ScrutinyReviewMemberTable {
  id: Generated<number>;
  review_id: number;
  person_id: number | null;
  name: string;
  role: string;
}

export interface ScrutinyReviewSessionTable {
  id: Generated<number>;
  review_id: number;
  on_date: string;
  title: string;
  witnesses: string | null;
  notes: string | null;
}

export interface ScrutinyReviewStageTable {
  id: Generated<number>;
  review_id: number;
  stage: string;
  on_date: string;
  note: string | null;
}

/** One row per searchable thing (a page of a paper, an item, a minute, a decision, a person). */
export interface SearchEntryTable {
  id: Generated<number>;
  kind: string; // 'page' | 'item' | 'minute' | 'decision' | 'person' | 'meeting'
  ref_id: number;
  page: number | null;
  meeting_id: number | null;
  body_id: number | null;
  date: string | null;
  exempt: Bool;
  title: string;
  url: string;
  body: string;
  /** PostgreSQL only: the lexemes (search_tsv, migration 034), which a trigger fills when an insert leaves them out. */
  tsv: ColumnType<never, string | undefined, never>;
}

export interface IndicatorTable {
  id: Generated<number>;
  ref: string;
  description: string;
  service_area: string;
  director: string | null;
  cabinet_member: string | null;
  kind: string; // IndicatorKind
  polarity: string; // Polarity
  unit: string;
  decimals: number;
  created_at: string;
  updated_at: string;
}

export interface IndicatorStandardTable {
  id: Generated<number>;
  indicator_id: number;
  year: string; // "2025-26"
  target: number | null;
  floor: number | null;
  lower_bound: number | null;
  upper_bound: number | null;
  floor_lower: number | null;
  floor_upper: number | null;
}

/** Indicator values or a budget report for one period (or the indicator catalogue, period ''), versioned. */
export interface DataSetTable {
  id: Generated<number>;
  kind: string; // 'indicators' | 'indicator-values' | 'revenue' | 'capital'
  period: string; // period code, '' for the catalogue
  period_kind: string; // 'month' | 'quarter' | 'year' | ''
  period_ordinal: number;
  title: string;
  current_version: number;
  /** The version the public sees; null until published. */
  published_version: number | null;
  published_at: string | null;
  published_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DataSetVersionTable {
  id: Generated<number>;
  data_set_id: number;
  version: number;
  /** SHA-256 of the normalised content: the same figures again make no new version. */
  content_sha256: string;
  file_name: string | null;
  /** The uploaded file, kept in the blob table. */
  file_sha256: string | null;
  row_count: number;
  settings_json: string; // { narrativeThreshold, tolerance, years }
  note: string | null;
  created_at: string;
  created_by: string;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  version_id: number;
  indicator_id: number;
  value: number;
  reported_on: string | null;
  note: string | null;
}

/** A revenue or capital line (kind line/subtotal/total), amounts in pence. */
export interface BudgetLineTable {
  id: Generated<number>;
  version_id: number;
  position: number;
  kind: string;
  portfolio: string;
  line: string;
  gross: number | null;
  income: number | null;
  net: number | null;
  forecast_variance: number | null;
  management_action: number | null;
  revised_variance: number | null;
  last_reported: number | null;
  movement: number | null;
  cash_limits_json: string | null; // { "2025-26": pence }
  cash_limit_total: number | null;
  real_variance: number | null;
  rephasing: number | null;
  variance: number | null;
  narrative: string | null;
  source_row: number | null;
}

/** A paper generated from the record into an item's pack: the follow-up schedule or a body's work programme (migration 011). */
export interface AgendaItemGeneratedTable {
  id: Generated<number>;
  agenda_item_id: number;
  kind: string; // 'follow-up-schedule' | 'work-programme'
  body_id: number;
  created_at: string;
}

export interface AgendaItemDataTable {
  id: Generated<number>;
  agenda_item_id: number;
  data_set_id: number;
  position: number;
  created_at: string;
  created_by: string;
}

/** Rate-limit counters shared by every process (a fixed window per key; times in ms since 1970). */
export interface RateLimitTable {
  key: string;
  hits: number;
  window_ends: number;
}

/** Counts of committed changes (migration 021): `access` (sessions and accounts); the record's moved to record_counter (036). */
export interface ChangeCounterTable {
  name: string;
  n: number;
}

/** One stripe of the record's counter (migration 036): the record's version is the stripes' values in order. */
export interface RecordCounterTable {
  stripe: number;
  n: number;
}

/** Which audit entries the record's counter moving to n stands for (migration 032); no audit_id: any change. */
export interface RecordChangeTable {
  /** The stripe of the record's counter that moved (migration 036; always 0 on SQLite). */
  stripe: number;
  n: number;
  audit_id: number | null;
}

/** A scheduled job's lease: the process holding it until lease_until runs it; nobody else does. */
export interface JobLeaseTable {
  name: string;
  holder: string | null;
  lease_until: number;
  last_started_at: number;
  last_finished_at: number | null;
}

export interface JobRunTable {
  id: Generated<number>;
  name: string;
  holder: string;
  started_at: string;
  finished_at: string | null;
  status: string; // 'running' | 'ok' | 'failed'
  summary: string | null;
}

/** Every outgoing email and webhook: delivered at least once, retried with backoff (store/outbox.ts). */
export interface OutboxTable {
  id: Generated<number>;
  idempotency_key: string;
  channel: string; // 'email' | 'webhook'
  purpose: string; // 'confirm' | 'alert' | 'digest' | 'papers' | 'webhook' | 'notice'
  recipient: string;
  meeting_id: number | null;
  subject: string;
  payload_json: string; // OutboxPayload
  status: string; // 'pending' | 'sending' | 'sent' | 'failed'
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** Someone subscribed to email alerts: kept only while they have a subscription. */
export interface AlertSubscriberTable {
  id: Generated<number>;
  email: string;
  token: string;
  created_at: string;
}

export interface AlertSubscriptionTable {
  id: Generated<number>;
  subscriber_id: number;
  kind: string; // AlertKind
  target_json: string;
  label: string;
  frequency: string; // 'immediate' | 'daily'
  confirm_token: string | null;
  confirmed_at: string | null;
  created_at: string;
  last_digest_on: string | null;
}

export interface AlertDigestItemTable {
  id: Generated<number>;
  subscription_id: number;
  event_key: string;
  title: string;
  url: string;
  summary: string;
  created_at: string;
}

/** How far a reader of the publication events (the audit journal) has got. */
export interface EventCursorTable {
  name: string;
  last_id: number;
  updated_at: string;
}

export interface WebhookTable {
  id: Generated<number>;
  url: string;
  secret: string;
  events_json: string;
  active: Bool;
  created_at: string;
  created_by: string;
  /** Why it was switched off: by whom, or the delivery failure that switched it off (migration 025). */
  disabled_reason: string | null;
  disabled_at: string | null;
}

export interface Database {
  council: CouncilTable;
  political_group: PoliticalGroupTable;
  person: PersonTable;
  body: BodyTable;
  body_seat: BodySeatTable;
  membership: MembershipTable;
  meeting: MeetingTable;
  agenda_section: AgendaSectionTable;
  agenda_item: AgendaItemTable;
  document: DocumentTable;
  document_withdrawal: DocumentWithdrawalTable;
  document_version: DocumentVersionTable;
  blob: BlobTable;
  publication: PublicationTable;
  attendance: AttendanceTable;
  declaration: DeclarationTable;
  minute: MinuteTable;
  decision: DecisionTable;
  decision_counter: DecisionCounterTable;
  decision_exempt_part: DecisionExemptPartTable;
  call_in: CallInTable;
  forward_plan_entry: ForwardPlanEntryTable;
  forward_plan_event: ForwardPlanEventTable;
  forward_plan_edition: ForwardPlanEditionTable;
  notice_exception: NoticeExceptionTable;
  call_in_signatory: CallInSignatoryTable;
  follow_up_recommendation: FollowUpRecommendationTable;
  follow_up_response: FollowUpResponseTable;
  scrutiny_review: ScrutinyReviewTable;
  scrutiny_review_member: ScrutinyReviewMemberTable;
  scrutiny_review_session: ScrutinyReviewSessionTable;
  scrutiny_review_stage: ScrutinyReviewStageTable;
  import_record: ImportRecordTable;
  audit_log: AuditLogTable;
  user_account: UserAccountTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  password_reset: PasswordResetTable;
  exempt_grant: ExemptGrantTable;
  interest_register: InterestRegisterTable;
  work_programme_item: WorkProgrammeItemTable;
  follow_up: FollowUpTable;
  search_entry: SearchEntryTable;
  rate_limit: RateLimitTable;
  change_counter: ChangeCounterTable;
  record_change: RecordChangeTable;
  record_counter: RecordCounterTable;
  job_lease: JobLeaseTable;
  job_run: JobRunTable;
  indicator: IndicatorTable;
  indicator_standard: IndicatorStandardTable;
  data_set: DataSetTable;
  data_set_version: DataSetVersionTable;
  indicator_value: IndicatorValueTable;
  budget_line: BudgetLineTable;
  agenda_item_data: AgendaItemDataTable;
  agenda_item_generated: AgendaItemGeneratedTable;
  outbox: OutboxTable;
  alert_subscriber: AlertSubscriberTable;
  alert_subscription: AlertSubscriptionTable;
  alert_digest_item: AlertDigestItemTable;
  event_cursor: EventCursorTable;
  webhook: WebhookTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;

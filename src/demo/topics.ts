// What the demo council's agendas discuss: recurring reports per body, each with the director who writes it and
// the portfolio it belongs to (an index into PORTFOLIOS).

export type TopicKind = 'report' | 'dashboard' | 'budget' | 'application' | 'work-programme';

export interface Topic {
  key: string;
  title: string;
  purpose: string;
  kind: TopicKind;
  director: string;
  portfolio: number;
  summary: string;
  /** What the body is asked to do: "AGREE the…". */
  recommendation: string;
  /** A key decision (primer §4) when the body takes or comments on a decision. */
  keyDecision?: boolean;
}

const t = (key: string, title: string, kind: TopicKind, director: string, portfolio: number, summary: string, recommendation: string, keyDecision?: boolean): Topic => ({
  key, title, kind, director, portfolio, summary, recommendation, keyDecision,
  purpose: recommendation.startsWith('NOTE') ? `To note ${title.toLowerCase()}` : recommendation.startsWith('COMMENT') ? `To comment on ${title.toLowerCase()}` : `To consider ${title.toLowerCase()}`,
});

export const TOPICS: Record<string, Topic[]> = {
  council: [
    t('treasury', 'Treasury Management Mid-Year Review', 'report', 'officer-finance', 1, 'This report reviews borrowing and investment activity in the first half of the financial year against the approved Treasury Management Strategy.', 'NOTE the report and the prudential indicators.'),
    t('allowances', "Members' Allowances Scheme", 'report', 'officer-scs', 7, "The Independent Remuneration Panel has reviewed the Members' Allowances Scheme and its recommendations are set out for the Council's decision.", 'AGREE the Members\' Allowances Scheme as recommended by the Independent Remuneration Panel.'),
    t('leader', 'Report by the Leader of the Council', 'report', 'officer-ceo', 0, 'The Leader reports on the work of the Cabinet since the last meeting of the County Council.', 'NOTE the report.'),
    t('constitution', 'Amendments to the Constitution', 'report', 'officer-counsel', 7, 'The Governance and Audit Committee recommends amendments to the Contract Standing Orders and to the scheme of delegation to officers.', 'AGREE the amendments to the Constitution set out in Appendix A.'),
    t('budget', 'Revenue Budget, Capital Programme and Council Tax Setting', 'budget', 'officer-finance', 1, 'The Cabinet recommends the revenue budget, the capital programme and the council tax for the coming year, together with the Medium Term Financial Plan.', 'APPROVE the revenue budget and capital programme and SET the council tax for the coming year.'),
  ],
  cabinet: [
    t('budget-monitoring', 'Revenue and Capital Budget Monitoring', 'budget', 'officer-finance', 1, 'This report sets out the forecast outturn against the revenue budget and the capital programme, by portfolio, with management action to contain the pressures.', 'NOTE the forecast revenue and capital position and AGREE the cash limit changes for re-phased capital projects.', true),
    t('performance', 'Quarterly Performance Report', 'dashboard', 'officer-performance', 0, 'The Quarterly Performance Report sets out the Council\'s performance against its key performance indicators, with RAG ratings against targets and floor standards.', 'NOTE the Quarterly Performance Report.'),
    t('school-expansion', 'Primary School Expansion Programme', 'report', 'officer-cype', 2, 'Forecast pupil numbers require additional primary places in three planning areas; this report proposes the expansion of four schools from the next academic year.', 'AGREE the expansion of the four primary schools and DELEGATE the award of the building contracts to the Corporate Director of Children, Young People and Education.', true),
    t('highways-plan', 'Highways Asset Management Plan', 'report', 'officer-highways', 4, 'The Highways Asset Management Plan sets out how the Council maintains roads, footways, bridges and street lights, and the priorities for the coming four years.', 'APPROVE the Highways Asset Management Plan.', true),
    t('waste-strategy', 'Joint Municipal Waste Strategy', 'report', 'officer-waste', 5, 'A refreshed waste strategy agreed with the district councils, with targets for recycling and a reduction in residual waste per household.', 'ENDORSE the Joint Municipal Waste Strategy and RECOMMEND it to the County Council.', true),
    t('care-market', 'Adult Social Care Market Sustainability Plan', 'report', 'officer-asch', 3, 'The plan describes the state of the care home and home care markets in the county and the fee uplift proposed to keep them sustainable.', 'AGREE the fee uplift for residential and home care providers set out in the report.', true),
    t('economic-strategy', 'Economic Development Strategy', 'report', 'officer-get', 6, 'A strategy for jobs, skills and business growth over the next five years, with a programme of investment from the Growth Fund.', 'APPROVE the Economic Development Strategy.', false),
    t('parenting-minutes', 'Corporate Parenting Panel: minutes and annual report', 'report', 'officer-cype', 2, 'The minutes of the Corporate Parenting Panel and its annual report on the Council\'s performance as a corporate parent.', 'NOTE the minutes and the annual report of the Corporate Parenting Panel.'),
  ],
  scrutiny: [
    t('budget-scrutiny', 'Draft Budget Scrutiny', 'budget', 'officer-finance', 1, 'The Committee examines the draft revenue budget and Medium Term Financial Plan before they are considered by Cabinet.', 'COMMENT on the draft budget proposals.'),
    t('follow-up', 'Follow-up of Scrutiny Recommendations', 'report', 'officer-scrutiny', 7, 'The rolling schedule of the Committee\'s recommendations and the responses received from Cabinet Members.', 'NOTE the responses and AGREE which items may be removed from the schedule.'),
    t('questions', 'Cabinet Member questions: Highways and Transport', 'report', 'officer-highways', 4, 'The Cabinet Member for Highways and Transport answers the Committee\'s questions on pothole repairs, winter service and bus subsidies.', 'NOTE the responses of the Cabinet Member.'),
    t('work-programme', 'Work Programme', 'work-programme', 'officer-scrutiny', 7, 'The Committee\'s work programme for the rest of the year.', 'AGREE the work programme.'),
  ],
  pandr: [
    t('pr-budget', 'Revenue and Capital Budget Monitoring: Strategic and Corporate Services', 'budget', 'officer-finance', 1, 'Forecast outturn for the portfolios covered by this Committee.', 'NOTE the forecast position.'),
    t('property', 'Proposed decision: Disposal of surplus office accommodation', 'report', 'officer-scs', 7, 'Following the move to agile working, two office buildings are surplus to requirements; the Cabinet Member proposes to dispose of them on the open market.', 'COMMENT on the proposed decision to be taken by the Cabinet Member for Corporate and Democratic Services.', true),
    t('ict', 'Proposed decision: Technology Strategy and data centre contract', 'report', 'officer-scs', 7, 'The Technology Strategy and the proposed procurement of a replacement data centre service.', 'ENDORSE the proposed decision to be taken by the Cabinet Member.', true),
    t('pr-dashboard', 'Performance Dashboard', 'dashboard', 'officer-performance', 1, 'Key performance indicators for the services within the remit of this Committee.', 'NOTE the Performance Dashboard.'),
    t('pr-work', 'Work Programme', 'work-programme', 'officer-dso-2', 7, 'The Committee\'s work programme.', 'NOTE the work programme.'),
  ],
  eandt: [
    t('et-budget', 'Revenue and Capital Budget Monitoring: Growth, Environment and Transport', 'budget', 'officer-finance', 5, 'Forecast outturn for highways, transport, waste and environment budgets.', 'NOTE the forecast position.'),
    t('bus', 'Proposed decision: Supported bus services', 'report', 'officer-highways', 4, 'A review of subsidised bus routes and a proposal to replace six lightly used routes with demand-responsive transport.', 'COMMENT on the proposed decision to be taken by the Cabinet Member for Highways and Transport.', true),
    t('flood', 'Local Flood Risk Management Strategy', 'report', 'officer-get', 5, 'The refreshed Local Flood Risk Management Strategy and the action plan for the highest-risk communities.', 'ENDORSE the strategy.', true),
    t('et-dashboard', 'Performance Dashboard', 'dashboard', 'officer-performance', 4, 'Key performance indicators for highways, transport and waste services.', 'NOTE the Performance Dashboard.'),
    t('winter', 'Winter Service Policy', 'report', 'officer-highways', 4, 'The gritting network, salt stocks and resilience arrangements for the coming winter.', 'ENDORSE the Winter Service Policy.'),
  ],
  parenting: [
    t('virtual-school', 'Virtual School Annual Report', 'report', 'officer-virtual-school', 2, 'The educational attainment, attendance and exclusions of children in care compared with their peers.', 'NOTE the report.'),
    t('cp-dashboard', 'Children in Care Performance Dashboard', 'dashboard', 'officer-cype', 2, 'Indicators on placement stability, health assessments and care leavers in education, employment or training.', 'NOTE the dashboard.'),
    t('sufficiency', 'Placement Sufficiency Strategy', 'report', 'officer-cype', 2, 'How the Council will secure enough local foster and residential placements for children in its care.', 'COMMENT on the strategy.'),
    t('voice', 'Voice of the Child: Children in Care Council update', 'report', 'officer-cype', 2, 'Feedback from the Children in Care Council on the pledge to children in care.', 'NOTE the update.'),
  ],
  planning: [
    t('application', 'Application', 'application', 'officer-planning', 5, '', 'PERMIT the application subject to the conditions set out in the report.'),
    t('enforcement', 'Update on planning enforcement cases', 'report', 'officer-planning', 5, 'Progress on enforcement cases at minerals and waste sites since the last meeting.', 'NOTE the report.'),
  ],
  audit: [
    t('internal-audit', 'Internal Audit Progress Report', 'report', 'officer-audit', 1, 'Progress against the internal audit plan, with the assurance level of each completed audit.', 'NOTE the progress report.'),
    t('risk', 'Corporate Risk Register', 'report', 'officer-scs', 7, 'The corporate risks, their owners, current and target risk scores and the mitigating actions.', 'NOTE the Corporate Risk Register.'),
    t('accounts', 'Statement of Accounts', 'report', 'officer-finance', 1, 'The draft Statement of Accounts and the external auditor\'s findings.', 'APPROVE the Statement of Accounts.'),
    t('fraud', 'Counter Fraud Annual Report', 'report', 'officer-audit', 1, 'The counter-fraud activity of the year and the outcome of investigations.', 'NOTE the report.'),
  ],
  select: [
    t('evidence', 'Evidence session: emotional wellbeing services', 'report', 'officer-cype', 2, 'Written evidence from the commissioners and providers of emotional wellbeing and mental health services for children and young people.', 'NOTE the evidence received.'),
    t('draft-report', 'Draft report of the Select Committee', 'report', 'officer-scrutiny', 2, 'The draft findings and recommendations of the review for the Committee to consider.', 'AGREE the report and its recommendations for submission to Cabinet.'),
    t('terms', 'Terms of reference and review plan', 'report', 'officer-scrutiny', 2, 'The terms of reference, witnesses and timetable of the review.', 'AGREE the terms of reference.'),
  ],
};

/** Exempt items: each paper holds distinctive confidential text that must never reach the public. */
export interface ExemptTopic {
  key: string;
  body: string;
  title: string;
  paragraphs: (1 | 2 | 3 | 4 | 5 | 6 | 7)[];
  director: string;
  portfolio: number;
  publicInterestReason: string;
  summary: string;
  /** The confidential content. */
  confidential: string[];
}

export const EXEMPT_TOPICS: ExemptTopic[] = [
  {
    key: 'highways-contract', body: 'cabinet', title: 'Award of the Highways Term Maintenance Contract', paragraphs: [3], director: 'officer-procurement', portfolio: 4,
    publicInterestReason: 'The report contains the tender prices and commercial terms of the bidders; disclosure before the contract is signed would prejudice the Council\'s negotiating position and the bidders\' commercial interests, which outweighs the public interest in disclosure.',
    summary: 'The outcome of the procurement of the Highways Term Maintenance Contract and the recommended bidder.',
    confidential: [
      'Tender evaluation (price 60%, quality 40%): Bidder A, Harrowden Civils Ltd, tendered £48,317,260 over seven years and scored 81.4; Bidder B, Thornbury Surfacing plc, tendered £51,902,115 and scored 77.9; Bidder C, Greyfriars Infrastructure Ltd, tendered £46,880,540 but scored 62.3 on quality.',
      'Harrowden Civils Ltd has agreed a schedule of rates 4.2% below its tender for surfacing work if the contract is signed by the end of the quarter. The parent company guarantee from Harrowden Holdings Ltd is capped at £12,000,000.',
    ],
  },
  {
    key: 'child-case', body: 'parenting', title: 'Review of a complex placement', paragraphs: [1, 2], director: 'officer-cype', portfolio: 2,
    publicInterestReason: 'The report contains information about a child in the care of the Council from which the child could be identified; the child\'s right to privacy outweighs the public interest in disclosure.',
    summary: 'A review of the placement of a child in care whose needs could not be met by local provision.',
    confidential: [
      'Child J (Jamie Quenby, born 14 March 2011) has had four placement moves in twelve months and is currently placed at Brookvale House, an out-of-county residential home, at a weekly cost of £9,850.',
      'Jamie\'s social worker, Ms Tamsin Orchard, reports two missing episodes since June and a referral to the child sexual exploitation panel. Jamie\'s mother, Kerry Quenby, has supervised contact every second Saturday.',
    ],
  },
  {
    key: 'fraud-case', body: 'audit', title: 'Investigation of a procurement fraud', paragraphs: [1, 7], director: 'officer-audit', portfolio: 1,
    publicInterestReason: 'The report relates to an investigation that may lead to prosecution; disclosure could prejudice the investigation and identify the individuals concerned.',
    summary: 'An update on the investigation of irregular payments to a supplier of school transport.',
    confidential: [
      'Payments totalling £213,460 were made to Ferndale Minibus Hire between April and January for routes that were not run. The invoices were approved by a transport officer, Mr Gareth Pollard, who has been suspended on full pay.',
      'The case has been referred to the Constabulary Economic Crime Unit (reference ECU/4471). The director of Ferndale Minibus Hire, Mr Dean Ashworth, is a relative of Mr Pollard.',
    ],
  },
  {
    key: 'property-sale', body: 'pandr', title: 'Sale of land at Foxley Business Park', paragraphs: [3], director: 'officer-scs', portfolio: 7,
    publicInterestReason: 'Disclosure of the offers received would prejudice the Council\'s ability to achieve best consideration for the land.',
    summary: 'The offers received for the Council\'s land at Foxley Business Park and the recommended purchaser.',
    confidential: [
      'Three offers were received: Castlemere Developments Ltd £6,450,000 (unconditional), Wyvern Homes Ltd £7,100,000 (subject to planning for 180 homes) and Oakhurst Logistics LLP £5,925,000.',
      'The Council\'s valuer, Pennington Boyce LLP, advises a market value of £6,300,000 for the unconditional sale. The recommended purchaser is Castlemere Developments Ltd.',
    ],
  },
];

/** Phrases that appear only in exempt papers: tests elsewhere search for them to prove they never reach the public. */
export const CONFIDENTIAL_MARKERS = ['Harrowden Civils Ltd', '£48,317,260', 'Jamie Quenby', 'Brookvale House', 'Ferndale Minibus Hire', 'ECU/4471', 'Wyvern Homes Ltd', '£7,100,000'];

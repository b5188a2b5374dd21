// What the demo council's agendas discuss. Each body has standing items that recur at every meeting (budget
// monitoring, the dashboard, the work programme) and a year's business of its own: items taken once a year, some in
// their season (the budget in February, the accounts in July), each with the facts its report and its minutes draw
// on, so that no report is repeated within a body's year and each minute records a discussion of its own.


export type TopicKind = 'report' | 'dashboard' | 'budget' | 'application' | 'work-programme';

export interface TopicFacts {
  /** Background paragraphs particular to the topic. */
  background: string[];
  /** What Members raised and officers answered: "{member}" is a Member present, "{officer}" the report's author, "{cabinet}" the Cabinet Member. */
  points: string[];
  /** The main risks, for the report's risk table. */
  risks: string[];
  /** What the proposal costs, where it has a cost; the report's options, cost profile and financial implications use it. */
  cost?: TopicCost;
}

/**
 * A proposal's cost as its facts state it: the amount in £'000s, over how many years (its profile's columns), the
 * share of it that is capital, and, where a count of years would misdescribe it, the period in words ("in a full
 * year", "over the six months of the grant"). The background says the same figure over the same period.
 */
export interface TopicCost {
  amount: number;
  years: number;
  capitalShare: number;
  period?: string;
  /** The same amount each year (a contract's annual value), where a programme's spending falls mostly early. */
  even?: boolean;
}

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
  /** A standing item, on every agenda of the body (or, with `months`, at each meeting in those months). */
  recurring?: boolean;
  /** Months (1-12) the item is taken in; a once-a-year item goes to the body's first meeting in one of them. */
  months?: number[];
  /** Placed by the year's executive cycle on the Cabinet meeting that takes its decision (see yearplan.ts), not drawn. */
  placed?: boolean;
  facts?: TopicFacts;
}

interface Extra {
  keyDecision?: boolean;
  placed?: boolean;
  recurring?: boolean;
  months?: number[];
  background?: string[];
  points?: string[];
  risks?: string[];
  cost?: TopicCost;
}

const t = (key: string, title: string, kind: TopicKind, director: string, portfolio: number, summary: string, recommendation: string, extra: Extra = {}): Topic => ({
  key, title, kind, director, portfolio, summary, recommendation, keyDecision: extra.keyDecision, recurring: extra.recurring, months: extra.months, placed: extra.placed,
  facts: extra.points ? { background: extra.background ?? [], points: extra.points, risks: extra.risks ?? [], cost: extra.cost } : undefined,
  purpose: `${recommendation.startsWith('NOTE') ? 'To note' : recommendation.startsWith('COMMENT') ? 'To comment on' : 'To consider'} ${purposeSubject(title)}`,
});

/**
 * What an item's purpose names: the title as written ("the Highways Asset Management Plan"), since lower-casing a
 * title's first word leaves the rest in capitals ("revenue and Capital Budget Monitoring").
 */
function purposeSubject(title: string): string {
  return title.startsWith('Proposed decision: ') ? `the proposed decision: ${title.slice('Proposed decision: '.length)}` : `the ${title}`;
}

const STANDING = { recurring: true } as const;

export const TOPICS: Record<string, Topic[]> = {
  council: [
    t('leader', 'Report by the Leader of the Council', 'report', 'officer-ceo', 0, 'The Leader reports on the work of the Cabinet since the last meeting of the County Council.', 'NOTE the report.', STANDING),
    t('budget', 'Revenue Budget, Capital Programme and Council Tax Setting', 'budget', 'officer-finance', 1, 'The Cabinet recommends the revenue budget, the capital programme and the council tax for the coming year, together with the Medium Term Financial Plan.', 'APPROVE the revenue budget and capital programme and SET the council tax for the coming year.', { months: [2] }),
    t('pay-policy', 'Pay Policy Statement', 'report', 'officer-scs', 7, 'The Localism Act 2011 requires the Council to publish each year a statement of its policy on the pay of its chief officers and its lowest-paid employees.', 'APPROVE the Pay Policy Statement for publication.', { months: [2, 3],
      background: ['The ratio between the pay of the Chief Executive and the median earnings of the workforce is 1:7.4, down from 1:7.9 the year before, as the pay award gave the lowest grades the largest rise.'],
      points: ['{member} asked why the ratio had fallen; {officer} explained that the flat-rate pay award of £1,290 had lifted the lowest grades by 5.8 per cent.', '{member} asked whether the Council paid the real Living Wage; {officer} confirmed that it did for all directly employed staff and was encouraging its contractors to follow.'],
      risks: ['Recruitment to senior social work posts in a competitive market'] }),
    t('treasury', 'Treasury Management Mid-Year Review', 'report', 'officer-finance', 1, 'This report reviews borrowing and investment activity in the first half of the financial year against the approved Treasury Management Strategy.', 'NOTE the report and the prudential indicators.', { months: [12, 11],
      background: ['External debt stood at £812m at 30 September, £14m lower than at the start of the year, as maturing loans were repaid from cash balances rather than refinanced.', 'Investment income of £6.2m is forecast for the year against a budget of £5.1m, as interest rates have stayed higher for longer than forecast.'],
      points: ['{member} asked whether the Council should borrow now to lock in rates; {officer} replied that internal borrowing remained cheaper while cash balances allowed it.', '{member} asked about the exposure to property funds; {officer} said the £25m invested was long term and the capital value had recovered to 96 per cent of cost.'],
      risks: ['Interest rates fall faster than forecast, reducing investment income'] }),
    t('allowances', "Members' Allowances Scheme", 'report', 'officer-scs', 7, "The Independent Remuneration Panel has reviewed the Members' Allowances Scheme and its recommendations are set out for the Council's decision.", "AGREE the Members' Allowances Scheme as recommended by the Independent Remuneration Panel.", { months: [5],
      background: ['The Panel recommends that the basic allowance rise by 2.5 per cent to £16,742, in line with the staff pay award, and that the special responsibility allowance for the chairman of the Select Committee be reduced, as its reviews are now shorter.'],
      points: ['{member} proposed that Members forgo the increase this year; after debate the proposal was not carried.', '{member} asked whether the dependants\' carers\' allowance was claimed; {officer} said that four Members had claimed it and that it helped people with caring responsibilities to stand for election.'],
      risks: ['Public perception of an increase at a time of savings'] }),
    t('constitution', 'Amendments to the Constitution', 'report', 'officer-counsel', 7, 'The Governance and Audit Committee recommends amendments to the Contract Standing Orders and to the scheme of delegation to officers.', 'AGREE the amendments to the Constitution set out in Appendix A.', { months: [7],
      background: ['The Procurement Act 2023 replaces the Public Contracts Regulations; the Contract Standing Orders are rewritten to follow it, and the threshold for a Cabinet Member decision on a contract award rises from £1m to £2m.'],
      points: ['{member} asked whether raising the threshold would reduce scrutiny; {officer} said every award above £1m would still be published with a record of decision and could be called in.', '{member} welcomed the plain-English rewrite of the procedure rules.'],
      risks: ['Officers apply the old thresholds during the transition'] }),
    t('scrutiny-annual', 'Annual Report of the Scrutiny Committee', 'report', 'officer-scrutiny', 7, 'The Scrutiny Committee reports on its work in the last year: call-ins considered, recommendations made and the response of the Cabinet.', 'NOTE the annual report.', { months: [7, 10],
      background: ['The Committee considered two call-ins, made nineteen recommendations to Cabinet Members, of which sixteen were accepted, and held a select committee review of flood risk management.'],
      points: ['The Chairman of the Scrutiny Committee presented the report and thanked the co-opted members for their contribution on education matters.', '{member} asked that the Committee look at the cost of school transport again next year; the Chairman agreed to add it to the work programme.'],
      risks: [] }),
    t('waste-adopt', 'Joint Municipal Waste Strategy: adoption', 'report', 'officer-waste', 5, 'The Cabinet recommends the refreshed Joint Municipal Waste Strategy, agreed with the district councils, for adoption as part of the policy framework.', 'ADOPT the Joint Municipal Waste Strategy as part of the policy framework.', { months: [10, 12],
      background: ['The strategy commits the county and the twelve districts to recycle 60 per cent of household waste by 2030 and to halve the residual waste collected per household from its 2020 level.'],
      points: ['{member} asked how weekly food waste collections would be paid for; {officer} said the new burdens funding covered the vehicles but not yet the running costs.', '{member} moved an amendment to bring the recycling target forward to 2028; the amendment was lost.'],
      risks: ['Districts do not introduce food waste collections on time'] }),
    t('polling', 'Review of Polling Districts and Polling Places', 'report', 'officer-counsel', 7, 'The statutory review of polling districts and polling places, with the changes proposed after consultation with the district councils.', 'AGREE the polling districts and polling places set out in Appendix A.', { months: [10, 12],
      background: ['Eleven polling places change: four village halls are no longer available and seven schools are replaced by community buildings so that schools need not close on polling day.'],
      points: ['{member} asked that the new polling place in Nettlecombe have level access; {officer} confirmed a temporary ramp would be provided.'],
      risks: ['A polling place becomes unavailable close to an election'] }),
    t('audit-annual', 'Annual Report of the Governance and Audit Committee', 'report', 'officer-audit', 1, 'The Governance and Audit Committee reports on its work and on the assurance it has received about the Council\'s governance, risk management and internal control.', 'NOTE the annual report.', { months: [5, 7],
      background: ['The Head of Internal Audit gave a substantial assurance opinion for the year; two audits, of direct payments and of fleet fuel cards, received limited assurance.'],
      points: ['{member} asked what had been done about the fleet fuel cards; {officer} said the cards were now limited to named vehicles and monthly statements were reviewed by managers.'],
      risks: [] }),
  ],
  cabinet: [
    t('budget-monitoring', 'Revenue and Capital Budget Monitoring', 'budget', 'officer-finance', 1, 'This report sets out the forecast outturn against the revenue budget and the capital programme, by portfolio, with management action to contain the pressures.', 'NOTE the forecast revenue and capital position and AGREE the cash limit changes for re-phased capital projects.', STANDING),
    t('performance', 'Quarterly Performance Report', 'dashboard', 'officer-performance', 0, 'The Quarterly Performance Report sets out the Council\'s performance against its key performance indicators, with RAG ratings against targets and floor standards.', 'NOTE the Quarterly Performance Report.', { recurring: true, months: [3, 6, 9, 12] }),
    t('draft-budget', 'Draft Revenue Budget and Medium Term Financial Plan', 'budget', 'officer-finance', 1, 'The draft revenue budget for the coming year and the Medium Term Financial Plan, for consultation and for scrutiny before the Cabinet recommends the budget to the County Council.', 'AGREE the draft budget for consultation and scrutiny.', { months: [11, 12, 1], keyDecision: true,
      background: ['The draft budget closes a gap of £64.3m through £38.1m of savings and income, £12.0m from reserves and a council tax increase of 4.99 per cent, of which 2 per cent is the adult social care precept.'],
      points: ['{member} asked how much of the saving depended on reducing care packages; {cabinet} said £9.4m, and that each package would be reviewed with the person and their family.', '{member} asked about the level of general reserves; {officer} said that at £41m they were 3.8 per cent of the net budget, at the lower end of the prudent range set out in the budget strategy.'],
      risks: ['Demand for adult social care rises faster than forecast', 'The final local government finance settlement is lower than the provisional one'] }),
    t('budget-recommend', 'Budget and Council Tax: recommendations to the County Council', 'budget', 'officer-finance', 1, 'The Cabinet\'s recommended budget after consultation and scrutiny, for decision by the County Council.', 'RECOMMEND the revenue budget, capital programme and council tax to the County Council.', { months: [1, 2], keyDecision: true,
      background: ['The consultation drew 3,184 responses; 58 per cent supported a council tax rise to protect services for vulnerable adults and children.'],
      points: ['{member} asked what had changed since the draft; {officer} said the final settlement added £3.2m, used to reverse the proposed reduction in community warden posts.'],
      risks: ['Savings of £38.1m are not delivered in full'] }),
    t('school-expansion', 'Primary School Expansion Programme', 'report', 'officer-cype', 2, 'Forecast pupil numbers require additional primary places in three planning areas; this report proposes the expansion of four schools from the next academic year.', 'AGREE the expansion of the four primary schools and DELEGATE the award of the building contracts to the Corporate Director of Children, Young People and Education.', { keyDecision: true, months: [9, 10, 11],
      background: ['Forecasts show a shortfall of 186 Reception places by September 2027 in the Castlemere, Elmbridge and Pennington planning areas, driven by 2,400 new homes.', 'Hartwell Primary, Elmbridge Church of England Primary, Pennington Infant and Junior and Castlemere Rural Primary would each add a form of entry; developer contributions meet £7.8m of the £14.6m cost, spent over two years of building.'],
      points: ['{member} asked why Castlemere Rural Primary was chosen over a new school; {officer} said the site could take a form of entry at half the cost and with no loss of playing field.', '{member} asked about traffic at Hartwell Primary; {cabinet} said a school travel plan and a drop-off zone were part of the scheme.'],
      risks: ['Build cost inflation exceeds the 6 per cent contingency', 'Housing completions slow and the places are not needed as soon'], cost: { amount: 14_600, years: 2, capitalShare: 1 } }),
    t('highways-plan', 'Highways Asset Management Plan', 'report', 'officer-highways', 4, 'The Highways Asset Management Plan sets out how the Council maintains roads, footways, bridges and street lights, and the priorities for the coming four years.', 'APPROVE the Highways Asset Management Plan for the next four years.', { keyDecision: true, months: [3, 4],
      background: ['The county maintains 8,600 km of road, 6,100 km of footway, 1,420 bridges and 118,000 street lights; the backlog of structural maintenance is valued at £612m.', 'The plan moves spending from reactive pothole repair to planned surface dressing, which costs about a sixth as much per square metre and extends the life of a road by eight to ten years.', 'The planned maintenance programme costs £48m over the four years of the plan, most of it met from the Department for Transport\'s capital grant.'],
      points: ['{member} asked whether unclassified rural roads would be left to deteriorate; {officer} said 30 per cent of the surface dressing programme was reserved for them.', '{member} asked how residents would know when their road was to be treated; {cabinet} said the three-year programme would be published on the Council\'s website in March.'],
      risks: ['A severe winter increases pothole numbers beyond the reactive budget', 'The Department for Transport capital grant is not confirmed for later years'], cost: { amount: 48_000, years: 4, capitalShare: 0.85 } }),
    t('waste-strategy', 'Joint Municipal Waste Strategy', 'report', 'officer-waste', 5, 'A refreshed waste strategy agreed with the district councils, with targets for recycling and a reduction in residual waste per household.', 'ENDORSE the Joint Municipal Waste Strategy and RECOMMEND it to the County Council.', { keyDecision: true, months: [9, 10, 11],
      background: ['The county recycled 47.6 per cent of household waste last year, against a national average of 43 per cent; the new strategy aims for 60 per cent by 2030.', 'Weekly food waste collections, required by the Environment Act 2021, start in all twelve districts by April 2026.'],
      points: ['{member} asked whether the new energy-from-waste contract fixed tonnages; {officer} said it guaranteed a minimum of 180,000 tonnes a year, which the strategy\'s targets would still meet.', '{member} asked about fly-tipping if household waste recycling centre hours were changed; {cabinet} said no change to opening hours was proposed.'],
      risks: ['Recycling markets for plastics weaken and gate fees rise'] }),
    t('care-market', 'Adult Social Care Market Sustainability Plan', 'report', 'officer-asch', 3, 'The plan describes the state of the care home and home care markets in the county and the fee uplift proposed to keep them sustainable.', 'AGREE the fee uplift for residential and home care providers set out in the report.', { keyDecision: true, months: [3, 4, 5],
      background: ['There are 312 registered care homes in the county; 14 closed last year and occupancy averages 88 per cent. Home care providers report a 31 per cent annual turnover of care workers.', 'The proposed uplift is 6.1 per cent for residential care and 7.4 per cent for home care, at a cost of £27.8m in a full year.'],
      points: ['{member} asked whether the uplift would reach care workers\' pay; {officer} said contracts now required providers to pay at least the real Living Wage.', '{member} asked how many people were waiting for home care; {cabinet} said 94, down from 260 a year ago.'],
      risks: ['Provider failure in the residential market', 'The National Insurance increase for employers adds costs the uplift does not cover'], cost: { amount: 27_800, years: 1, capitalShare: 0, period: 'in a full year' } }),
    t('economic-strategy', 'Economic Development Strategy', 'report', 'officer-get', 6, 'A strategy for jobs, skills and business growth over the next five years, with a programme of investment from the Growth Fund.', 'APPROVE the Economic Development Strategy.', { months: [6, 7],
      background: ['Productivity in the county is 8 per cent below the national average; the strategy focuses on advanced manufacturing around Castlemere, the visitor economy on the coast and skills for the care and construction sectors.', 'The Growth Fund of £18m, recycled from repaid business loans, would support 120 businesses over the five years of the strategy and create an estimated 1,450 jobs.'],
      points: ['{member} asked how the strategy would help coastal towns with seasonal work; {officer} said £4m of the fund was set aside for year-round visitor attractions and town centre sites.', '{member} asked how loan defaults were managed; {officer} said the default rate was 3.2 per cent, within the 5 per cent assumed when the fund was set up.'],
      risks: ['Businesses defer investment while interest rates remain high'], cost: { amount: 18_000, years: 5, capitalShare: 1 } }),
    t('parenting-minutes', 'Corporate Parenting Panel: annual report', 'report', 'officer-cype', 2, 'The annual report of the Corporate Parenting Panel on the Council\'s performance as a corporate parent.', 'NOTE the annual report of the Corporate Parenting Panel.', { months: [6, 7],
      background: ['The Council cares for 1,642 children, of whom 412 are unaccompanied asylum-seeking children; 78 per cent live in family-based placements.'],
      points: ['{member} asked about the shortage of foster carers for teenagers; {officer} said a new enhanced fee for carers of teenagers had brought 23 new households in the year.'],
      risks: ['Placement costs rise as the independent market tightens'] }),
    t('libraries', 'Libraries, Registration and Archives: Future Service Model', 'report', 'officer-scs', 7, 'The outcome of the consultation on the future of the library service and the proposed model of 48 libraries, mobile and home library services and community-run libraries.', 'AGREE the future service model for libraries, registration and archives.', { keyDecision: true, months: [1, 2, 3],
      background: ['The consultation drew 9,812 responses, the most the Council has received; 71 per cent opposed reduced opening hours at the smaller libraries.', 'The model keeps all 48 libraries open, with 11 run in partnership with parish councils and volunteers, saving £1.6m a year; adapting buildings and training volunteers costs £2.4m over the first two years.'],
      points: ['{member} asked what would happen if a parish council withdrew; {cabinet} said the Council would resume running the library for at least a year while another partner was found.', '{member} asked about access to computers for people seeking work; {officer} said every library kept free public computers and wifi.'],
      risks: ['Volunteers cannot be recruited in some villages'], cost: { amount: 2_400, years: 2, capitalShare: 0.6 } }),
    t('homes-children', 'Residential Children\'s Homes: In-house Provision', 'report', 'officer-cype', 2, 'A proposal to open four small children\'s homes run by the Council, so that fewer children are placed in expensive out-of-county homes.', 'AGREE the capital investment of £6.2m to open four children\'s homes and DELEGATE the purchase of the properties.', { keyDecision: true,
      background: ['The Council spends £31.4m a year on 88 residential placements, at an average of £6,860 a week; 52 of the children live more than 20 miles from home.', 'Four two-bed homes would cost £6.2m over two years to buy and adapt and about £4,100 a week a place to run, saving an estimated £2.3m a year once full.'],
      points: ['{member} asked how the homes would be staffed when the private sector paid more; {officer} said the Council would pay a residential allowance and offer a route to a social work qualification.', '{member} asked how neighbours would be consulted; {cabinet} said each home would be registered with Ofsted and neighbours would be visited before a purchase was completed.'],
      risks: ['Ofsted registration takes longer than planned', 'Staff cannot be recruited in time to open'], cost: { amount: 6_200, years: 2, capitalShare: 1 } }),
    t('carbon', 'Net Zero Action Plan: annual progress', 'report', 'officer-get', 5, 'Progress towards the Council\'s target of net zero emissions from its own estate and operations by 2030.', 'NOTE progress and AGREE the actions for the coming year.', {
      background: ['The Council\'s own emissions have fallen 54 per cent since 2019, to 18,400 tonnes of carbon dioxide equivalent; street lighting converted to LED accounts for almost half the reduction.'],
      points: ['{member} asked why fleet emissions had risen; {officer} said more gritting runs in a cold winter had added 640 tonnes.', '{member} asked whether the solar farm at Redwater was generating as forecast; {officer} said it had produced 11.2 GWh, 6 per cent above the forecast.'],
      risks: ['Heat pump retrofits of older buildings cost more than estimated'] }),
    t('send-strategy', 'Special Educational Needs and Disabilities Strategy', 'report', 'officer-cype', 2, 'A strategy to improve support for children and young people with special educational needs and disabilities, following the local area inspection.', 'APPROVE the SEND Strategy and its improvement plan.', { keyDecision: true, months: [1, 2, 3, 4],
      background: ['The number of Education, Health and Care Plans has risen from 9,200 to 16,900 in five years; only 41 per cent were issued within the 20-week limit last year.', 'The high needs block is forecast to overspend by £38m this year, adding to an accumulated deficit of £142m held under the statutory override.'],
      points: ['{member} asked how quickly the 20-week performance would improve; {officer} said the target was 60 per cent within a year, with 24 more assessment staff recruited.', '{member} asked what would happen to the deficit when the statutory override ended; {cabinet} said this was the most serious financial risk the Council faced and that the Leader had written to the Secretary of State.'],
      risks: ['The statutory override for the high needs deficit ends in 2028', 'Demand for specialist places outstrips new provision'] }),
    t('bus-plan', 'Bus Service Improvement Plan', 'report', 'officer-highways', 4, 'The refreshed Bus Service Improvement Plan and the enhanced partnership with the bus operators, with the use of the government\'s bus grant.', 'AGREE the Bus Service Improvement Plan and the variation to the Enhanced Partnership scheme.', { keyDecision: true,
      background: ['Bus patronage has recovered to 88 per cent of its pre-pandemic level; the £2 fare cap increased journeys on rural routes by 14 per cent.', 'The plan uses £11.6m of grant over three years to improve frequencies on six inter-urban corridors and to pilot demand-responsive transport in the Wyvern Hills.'],
      points: ['{member} asked what would happen when the grant ended; {officer} said the corridors had been chosen because operators expected them to become commercial within three years.'],
      risks: ['Operators withdraw commercial services when grant ends'], cost: { amount: 11_600, years: 3, capitalShare: 0.25 } }),
    t('public-health', 'Director of Public Health Annual Report', 'report', 'officer-asch', 3, 'The independent annual report of the Director of Public Health, this year on the health of people in the county\'s coastal towns.', 'NOTE the report and ENDORSE its recommendations.', { months: [10, 11, 12],
      background: ['Life expectancy for men in Greenhaven Harbour is 8.1 years lower than in the Wyvern Hills; smoking in pregnancy is twice the county average.'],
      points: ['{member} asked how the recommendations would be funded; {officer} said the public health grant would fund the stop smoking service and that the NHS had agreed to fund the health checks.'],
      risks: [] }),
    t('household-support', 'Household Support Fund Allocation', 'report', 'officer-asch', 3, 'How the Government\'s Household Support Fund grant is to be allocated to help households with the cost of food, energy and essentials.', 'AGREE the allocation of the Household Support Fund set out in the report.', { keyDecision: true, placed: true,
      background: ['The grant for the six months is £10.4m. The Government announced it and its conditions after the forward plan had been published, and the money must be committed this quarter.', 'The proposed allocation gives £5.9m in school holiday food vouchers for 61,000 children eligible for free school meals, £2.8m through the district councils\' discretionary schemes and £1.7m to food banks and advice agencies.'],
      points: ['{member} asked why pensioners not on pension credit could not apply; {officer} said the grant conditions allowed it and that £400,000 had been set aside for applications from older people.', '{member} asked how families would receive the vouchers; {cabinet} said schools would send them by text or letter before each holiday.'],
      risks: ['The grant is not renewed and families lose support at short notice'], cost: { amount: 10_400, years: 1, capitalShare: 0, period: 'over the six months of the grant' } }),
    t('school-transport', 'Home to School Transport Policy', 'report', 'officer-cype', 2, 'A revised policy for free home to school transport, bringing the distance criteria in line with the statutory minimum and introducing personal travel budgets.', 'AGREE the revised Home to School Transport Policy.', { keyDecision: true, placed: true,
      background: ['The Council spends £64.2m a year on home to school transport for 28,400 pupils; the cost has risen by 41 per cent in four years, mostly for children with special educational needs.', 'The revised policy keeps free transport where the law requires it (beyond two miles under the age of eight and three miles above) and ends discretionary transport for 1,150 pupils attending a school that is not their nearest.', 'Personal travel budgets and travel plans for the families affected cost £3.2m over three years, against savings of £2.9m a year once the policy is in full effect.'],
      points: ['{member} asked how rural families would be affected where there was no bus; {cabinet} said a travel plan would be agreed with each family and that personal travel budgets of up to £2,400 a year were available.', '{member} asked when the equality impact assessment would be published; {officer} said it was appended to the report and would be updated after the first term.'],
      risks: ['Appeals rise and overturn the savings', 'Operators withdraw from routes that lose pupils'], cost: { amount: 3_200, years: 3, capitalShare: 0 } }),
    t('highways-contract-report', 'Highways Term Maintenance Contract', 'report', 'officer-procurement', 4, 'The outcome of the procurement of the seven-year Highways Term Maintenance Contract, with the commercial details in the exempt report later on the agenda.', 'AGREE the award of the Highways Term Maintenance Contract to the preferred bidder named in the exempt report.', { keyDecision: true, placed: true,
      background: ['The current contract expires in March; the new one covers reactive repairs, resurfacing, drainage and winter service for seven years, with an option to extend by three, at an estimated £48m a year: £336m over the seven years.', 'Three compliant tenders were received and evaluated on price (60 per cent) and quality (40 per cent), including social value commitments such as apprenticeships and local supply chains.'],
      points: ['{member} asked how the contractor\'s performance would be managed; {officer} said the contract had 24 performance indicators, with payment withheld where targets were missed.', '{member} asked whether local firms would benefit; {cabinet} said the preferred bidder had committed to spend 45 per cent of the value with businesses in the county.'],
      risks: ['Mobilisation is not completed before the winter season'], cost: { amount: 336_000, years: 7, capitalShare: 0.4, even: true } }),
  ],
  scrutiny: [
    t('work-programme', 'Work Programme', 'work-programme', 'officer-scrutiny', 7, 'The Committee\'s work programme for the rest of the year.', 'AGREE the work programme.', STANDING),
    t('follow-up', 'Follow-up of Scrutiny Recommendations', 'report', 'officer-scrutiny', 7, 'The rolling schedule of the Committee\'s recommendations and the responses received from Cabinet Members.', 'NOTE the responses and AGREE which items may be removed from the schedule.', STANDING),
    t('budget-scrutiny', 'Draft Budget Scrutiny', 'budget', 'officer-finance', 1, 'The Committee examines the draft revenue budget and Medium Term Financial Plan before they are considered by Cabinet.', 'COMMENT on the draft budget proposals.', { months: [1, 12],
      background: ['The draft budget relies on £38.1m of savings, of which £11.2m are rated amber and £3.4m red for deliverability.'],
      points: ['{member} asked which savings were rated red; {officer} said the largest was the review of learning disability packages, £2.1m, which depended on new supported housing opening on time.', '{member} asked for a breakdown of the use of reserves; {officer} undertook to circulate it before the Cabinet meeting.'],
      risks: ['Savings rated red are not delivered'] }),
    t('questions-highways', 'Cabinet Member questions: Highways and Transport', 'report', 'officer-highways', 4, 'The Cabinet Member for Highways and Transport answers the Committee\'s questions on pothole repairs, winter service and bus subsidies.', 'NOTE the responses of the Cabinet Member.', {
      background: ['Pothole reports rose to 41,300 last year; 88 per cent of routine repairs were completed within 28 days.'],
      points: ['{member} asked why repairs in the Wyvern Hills took longer; {cabinet} said gangs were deployed by priority and that rural roads would gain from the surface dressing programme.', '{member} asked about the salt stock; {cabinet} said the Council held 38,000 tonnes, enough for 10 days of continuous gritting.'],
      risks: [] }),
    t('questions-children', 'Cabinet Member questions: Children, Young People and Education', 'report', 'officer-cype', 2, 'The Cabinet Member for Children, Young People and Education answers the Committee\'s questions on school places, SEND assessments and children\'s social care.', 'NOTE the responses of the Cabinet Member.', {
      background: ['Ofsted judged the Council\'s children\'s services Good in its last inspection, with leadership Outstanding.'],
      points: ['{member} asked why appeals to the SEND tribunal had risen; {cabinet} said 94 per cent were decided in favour of the family and that the service was reviewing its decisions before tribunal.', '{member} asked about unaccompanied asylum-seeking children; {cabinet} said the Council looked after 412 and was pressing the Home Office to make the national transfer scheme mandatory.'],
      risks: [] }),
    t('questions-adults', 'Cabinet Member questions: Adult Social Care and Public Health', 'report', 'officer-asch', 3, 'The Cabinet Member for Adult Social Care and Public Health answers the Committee\'s questions on waiting lists, hospital discharge and the care market.', 'NOTE the responses of the Cabinet Member.', {
      background: ['The number of people waiting for a Care Act assessment has fallen from 2,140 to 1,310 in a year.'],
      points: ['{member} asked how long people waited on average for an assessment; {cabinet} said 24 days, down from 41, and that urgent cases were seen within two days.', '{member} asked about delayed discharges from Kingsmere General Hospital; {cabinet} said an average of 58 patients a day were medically fit but waiting, and a discharge-to-assess service had 40 new beds.'],
      risks: [] }),
    t('questions-environment', 'Cabinet Member questions: Environment and Waste', 'report', 'officer-waste', 5, 'The Cabinet Member for Environment and Waste answers the Committee\'s questions on recycling centres, flood risk and the countryside access network.', 'NOTE the responses of the Cabinet Member.', {
      background: ['The household waste recycling centres received 1.9 million visits last year.'],
      points: ['{member} asked whether the booking system at recycling centres would be kept; {cabinet} said it would be kept at the three busiest sites only.', '{member} asked about blocked public rights of way; {cabinet} said 212 of the 640 reported obstructions had been cleared in the year.'],
      risks: [] }),
    t('questions-finance', 'Cabinet Member questions: Finance and Business Support', 'report', 'officer-finance', 1, 'The Deputy Leader and Cabinet Member for Finance and Business Support answers the Committee\'s questions on the savings programme, council tax collection and the use of reserves.', 'NOTE the responses of the Cabinet Member.', {
      background: ['Of the £38.1m of savings planned for the year, £29.6m is forecast to be delivered, £5.1m is expected late and £3.4m is at risk.'],
      points: ['{member} asked which savings were at risk; {cabinet} said the largest was the review of learning disability packages, which depended on new supported housing opening on time.', '{member} asked whether the Council would need to use more reserves; {cabinet} said it was too early to say but that spending controls had been introduced for the rest of the year.'],
      risks: [] }),
    t('questions-economy', 'Cabinet Member questions: Economic Development', 'report', 'officer-get', 6, 'The Cabinet Member for Economic Development answers the Committee\'s questions on the Growth Fund, broadband in rural areas and adult skills.', 'NOTE the responses of the Cabinet Member.', {
      background: ['Gigabit broadband is now available to 81 per cent of premises in the county, against 68 per cent two years ago; the remaining premises are mostly in the Wyvern Hills and on the marshes.'],
      points: ['{member} asked when villages in the Wyvern Hills would have gigabit broadband; {cabinet} said the national procurement covered them and connections would start next year.', '{member} asked how many Growth Fund loans were in arrears; {cabinet} said seven, with repayment plans agreed for five.'],
      risks: [] }),
    t('complaints', 'Annual Report on Complaints and Compliments', 'report', 'officer-scs', 7, 'Complaints and compliments received by the Council in the year, the findings of the Local Government and Social Care Ombudsman, and lessons learnt.', 'NOTE the report and COMMENT on the lessons learnt.', { months: [7, 9, 10],
      background: ['The Council received 5,284 complaints and 2,917 compliments; the Ombudsman upheld 71 complaints, 68 per cent of those it investigated, against a national average of 80 per cent.'],
      points: ['{member} asked why SEND complaints made up a third of the upheld cases; {officer} said most concerned delays to plans and that a compensation scheme had been agreed with the Ombudsman.'],
      risks: [] }),
    t('recruitment', 'Recruitment and Retention of Social Workers', 'report', 'officer-cype', 2, 'The Committee examines the Council\'s success in recruiting and keeping children\'s social workers and its reliance on agency staff.', 'COMMENT on the recruitment and retention strategy.', { months: [3, 4, 5, 6],
      background: ['Agency social workers fill 18 per cent of posts, costing £4.1m a year more than permanent staff; the Council joined the regional memorandum of understanding on agency pay rates in April.'],
      points: ['{member} asked what was being done to keep newly qualified social workers; {officer} said caseloads in the first year were capped at 12 and that the academy had kept 82 per cent after two years.'],
      risks: ['Agency rates rise despite the regional agreement'] }),
    t('energy-costs', 'Energy Costs of the Council\'s Estate', 'report', 'officer-scs', 7, 'How the Council buys energy for its buildings, schools and street lights and what it has done to reduce use and cost.', 'COMMENT on the report.', { months: [9, 10, 11],
      background: ['The Council spends £14.6m a year on energy for its buildings and street lights; buying ahead through the regional purchasing consortium saved an estimated £2.2m last winter.'],
      points: ['{member} asked whether schools were obliged to buy energy through the Council; {officer} said 412 of 560 schools did so voluntarily.'],
      risks: ['Wholesale prices rise before the next purchase window'] }),
  ],
  pandr: [
    t('pr-budget', 'Revenue and Capital Budget Monitoring: Strategic and Corporate Services', 'budget', 'officer-finance', 1, 'Forecast outturn for the portfolios covered by this Committee.', 'NOTE the forecast position.', STANDING),
    t('pr-dashboard', 'Performance Dashboard', 'dashboard', 'officer-performance', 1, 'Key performance indicators for the services within the remit of this Committee.', 'NOTE the Performance Dashboard.', STANDING),
    t('pr-work', 'Work Programme', 'work-programme', 'officer-dso-2', 7, 'The Committee\'s work programme.', 'NOTE the work programme.', STANDING),
    t('property', 'Proposed decision: Disposal of surplus office accommodation', 'report', 'officer-scs', 7, 'Following the move to agile working, two office buildings are surplus to requirements; the Cabinet Member proposes to dispose of them on the open market.', 'COMMENT on the proposed decision to be taken by the Cabinet Member for Corporate and Democratic Services.', { keyDecision: true,
      background: ['Occupancy of Invicta House and Brenchley House averaged 31 per cent over the last year; the staff would move to Sessions House, which has capacity for 1,200 desks.', 'The two buildings cost £1.9m a year to run and need £7.4m of repairs over the next ten years.'],
      points: ['{member} asked whether the buildings could be converted to housing by the Council; {officer} said the options appraisal had found a sale gave the better return, with a clawback if planning permission for housing was later granted.', '{member} asked where the staff would park; {cabinet} said the Sessions House car park would be reorganised and a shuttle bus run from the station at peak times.'],
      risks: ['The market value falls before sale'] }),
    t('ict', 'Proposed decision: Technology Strategy and data centre contract', 'report', 'officer-scs', 7, 'The Technology Strategy and the proposed procurement of a replacement data centre service.', 'ENDORSE the proposed decision to be taken by the Cabinet Member.', { keyDecision: true,
      background: ['The Council\'s own data centre at Kingsmere reaches the end of its life in 2027; the strategy moves most systems to the public cloud and keeps a small secure facility for social care records.', 'The contract would run for five years with two optional extensions, at an estimated value of £9.6m.'],
      points: ['{member} asked about the risk of a cyber attack; {officer} said the contract required certification to Cyber Essentials Plus and independent penetration testing each year.', '{member} asked whether data would stay in the United Kingdom; {officer} confirmed that it would.'],
      risks: ['Migration of legacy social care systems is delayed'], cost: { amount: 9_600, years: 5, capitalShare: 0.3, even: true } }),
    t('risk-pr', 'Corporate Risk Register: risks in the remit of the Committee', 'report', 'officer-scs', 7, 'The corporate risks for which the Committee\'s portfolios are responsible, with their scores and mitigations.', 'NOTE the risks and COMMENT on the mitigations.', { months: [1, 2, 7, 8],
      background: ['Cyber security remains the highest scoring risk in the Committee\'s remit, at 20 out of 25; the risk of failure to deliver the savings programme has risen from 12 to 16.'],
      points: ['{member} asked why the cyber risk score had not fallen after the new controls; {officer} said the likelihood had fallen but the impact of an attack on social care systems remained severe.'],
      risks: ['A successful cyber attack on core systems'] }),
    t('workforce', 'Workforce Profile and People Strategy', 'report', 'officer-scs', 7, 'The annual profile of the Council\'s workforce, with the progress of the People Strategy on recruitment, pay, wellbeing and diversity.', 'NOTE the workforce profile and COMMENT on the People Strategy.', { months: [9, 10, 11],
      background: ['The Council employs 7,412 people (5,968 full-time equivalent); the median gender pay gap has narrowed to 6.8 per cent and sickness absence stands at 8.4 days per employee.'],
      points: ['{member} asked what lay behind the rise in stress-related absence; {officer} said it was concentrated in social work and that the Council had extended its employee assistance programme.'],
      risks: ['Pay expectations exceed the budgeted award'] }),
    t('pr-council-tax', 'Council Tax Base and Collection Fund', 'report', 'officer-finance', 1, 'The council tax base notified by the district councils and the forecast position of the collection fund.', 'NOTE the tax base and the collection fund forecast.', { months: [1, 2],
      background: ['The tax base has grown by 1.3 per cent to 579,812 Band D equivalent properties; the districts forecast a combined collection fund surplus of £4.6m, of which the Council\'s share is £3.3m.'],
      points: ['{member} asked about the second homes premium; {officer} said nine of the twelve districts would charge it from April, adding an estimated £2.8m to the Council\'s income.'],
      risks: ['Collection rates fall as households struggle with costs'] }),
    t('property-strategy', 'Proposed decision: Asset Management Strategy', 'report', 'officer-scs', 7, 'A strategy for the Council\'s land and buildings that sets out how it will rationalise the office estate and use property to support its services.', 'ENDORSE the proposed decision to be taken by the Cabinet Member.', { keyDecision: true, months: [5, 6, 7],
      background: ['The Council owns 1,140 property assets valued at £2.1bn; maintenance backlog in the non-school estate is £86m.'],
      points: ['{member} asked how community groups using council buildings would be protected; {cabinet} said community asset transfer would be offered before any disposal of a building in community use.'],
      risks: ['Disposals are delayed by the property market'] }),
  ],
  eandt: [
    t('et-budget', 'Revenue and Capital Budget Monitoring: Growth, Environment and Transport', 'budget', 'officer-finance', 5, 'Forecast outturn for highways, transport, waste and environment budgets.', 'NOTE the forecast position.', STANDING),
    t('et-dashboard', 'Performance Dashboard', 'dashboard', 'officer-performance', 4, 'Key performance indicators for highways, transport and waste services.', 'NOTE the Performance Dashboard.', STANDING),
    t('bus', 'Proposed decision: Supported bus services', 'report', 'officer-highways', 4, 'A review of subsidised bus routes and a proposal to replace six lightly used routes with demand-responsive transport.', 'COMMENT on the proposed decision to be taken by the Cabinet Member for Highways and Transport.', { keyDecision: true,
      background: ['The Council subsidises 94 bus routes at a cost of £6.8m a year; six routes carry fewer than three passengers a trip at a subsidy of more than £12 a passenger.', 'Demand-responsive minibuses, booked by app or telephone, would serve the same villages on weekdays from 7am to 7pm.'],
      points: ['{member} asked how passengers without smartphones would book; {officer} said telephone booking would be available from 7am and that drivers would take bookings for return journeys.', '{member} asked whether the pilot in the Wyvern Hills had worked; {cabinet} said passenger numbers had trebled there, but the cost a passenger was still higher than a fixed route.'],
      risks: ['Passengers switch to cars if the new service is unreliable'] }),
    t('flood', 'Proposed decision: Local Flood Risk Management Strategy', 'report', 'officer-get', 5, 'The refreshed Local Flood Risk Management Strategy and the action plan for the highest-risk communities.', 'ENDORSE the proposed decision to be taken by the Cabinet Member for Environment and Waste.', { keyDecision: true,
      background: ['Some 23,000 properties in the county are at risk of surface water flooding; the strategy identifies 14 communities, among them Eastbrook and Millbrook Valley, for schemes in the next six years.'],
      points: ['{member} asked when the Eastbrook scheme would start; {officer} said the outline business case would go to the Environment Agency in the spring and work could start the following year.', '{member} asked about blocked gullies; {cabinet} said every gully on the main road network would be cleaned once a year and those in flood hotspots twice.'],
      risks: ['Partnership funding from the Environment Agency is not secured'] }),
    t('winter', 'Winter Service Policy', 'report', 'officer-highways', 4, 'The gritting network, salt stocks and resilience arrangements for the coming winter.', 'ENDORSE the Winter Service Policy.', { months: [9, 10],
      background: ['The precautionary gritting network covers 2,950 km, 34 per cent of the road network, including every route to a hospital and every bus route; 61 gritters operate from six depots.'],
      points: ['{member} asked whether farmers could again be paid to clear snow from rural roads; {officer} said 48 farmers had signed agreements this year.', '{member} asked about grit bins; {cabinet} said parish councils could request new bins and that 2,300 were refilled before November.'],
      risks: ['A prolonged cold spell exhausts salt stocks'] }),
    t('ev-charging', 'Proposed decision: Electric Vehicle Charging Strategy', 'report', 'officer-highways', 4, 'A strategy for on-street electric vehicle charging, using the government\'s Local Electric Vehicle Infrastructure fund, with a concession contract for the charge points.', 'COMMENT on the proposed decision to be taken by the Cabinet Member for Highways and Transport.', { keyDecision: true, months: [1, 2, 3, 4, 5],
      background: ['There are 14,800 electric cars registered in the county and 640 public charge points; about 38 per cent of households have no off-street parking.', 'The £7.2m grant would fund about 2,000 on-street charge points over four years through a concession operated at no cost to the Council.'],
      points: ['{member} asked how trailing cables across footways would be prevented; {officer} said the concession would use channels set into the footway approved by the Council.'],
      risks: ['The concessionaire withdraws from less profitable rural sites'] }),
    t('coast', 'Coastal Access and Countryside Management Plan', 'report', 'officer-get', 5, 'The plan for the county\'s public rights of way, the new England Coast Path and the country parks for the next five years.', 'ENDORSE the plan.', { months: [6, 7, 9],
      background: ['The county has 6,900 km of public rights of way; 84 per cent were easy to use in the annual survey, against a target of 90 per cent.'],
      points: ['{member} asked about erosion on the coast path near Saltmarsh; {officer} said Natural England would fund the rollback of the path and the work would be finished by the summer.'],
      risks: ['Storm damage to the coast path'] }),
    t('waste-contract', 'Proposed decision: Household Waste Recycling Centres Contract', 'report', 'officer-waste', 5, 'The proposed procurement of a new contract to run the 18 household waste recycling centres from April 2027.', 'COMMENT on the proposed decision to be taken by the Cabinet Member for Environment and Waste.', { keyDecision: true, months: [10, 11, 12],
      background: ['The current contract, worth £12.8m a year, expires in March 2027; the new contract would require reuse shops at the six largest sites and a recycling rate of at least 70 per cent.'],
      points: ['{member} asked whether charges for DIY waste would continue; {cabinet} said the charge of £4 a bag would be kept, as the law allowed.'],
      risks: ['Few bidders respond because of market capacity'] }),
  ],
  parenting: [
    t('cp-dashboard', 'Children in Care Performance Dashboard', 'dashboard', 'officer-cype', 2, 'Indicators on placement stability, health assessments and care leavers in education, employment or training.', 'NOTE the dashboard.', STANDING),
    t('virtual-school', 'Virtual School Annual Report', 'report', 'officer-virtual-school', 2, 'The educational attainment, attendance and exclusions of children in care compared with their peers.', 'NOTE the report.', { months: [11, 12, 1],
      background: ['41 per cent of children in care reached the expected standard in reading, writing and mathematics at the end of primary school, against 61 per cent of all pupils; persistent absence fell to 14 per cent.'],
      points: ['{member} asked how the pupil premium plus was spent; {officer} said most went on one-to-one tuition and that schools now reported how each allocation was used.'],
      risks: [] }),
    t('sufficiency', 'Placement Sufficiency Strategy', 'report', 'officer-cype', 2, 'How the Council will secure enough local foster and residential placements for children in its care.', 'COMMENT on the strategy.', { months: [3, 4, 5],
      background: ['The Council has 612 fostering households; it needs about 80 more, mainly for teenagers and sibling groups, to place children closer to home.'],
      points: ['{member} asked whether council tax relief for foster carers would help recruitment; {officer} said other councils had seen a small increase and a proposal would go to the Cabinet Member.'],
      risks: ['Independent fostering agencies recruit carers away from the Council'] }),
    t('voice', 'Voice of the Child: Children in Care Council update', 'report', 'officer-cype', 2, 'Feedback from the Children in Care Council on the pledge to children in care.', 'NOTE the update.', { months: [6, 7, 9],
      background: ['Members of the Children in Care Council surveyed 340 children in care; 86 per cent said they felt safe where they lived and 58 per cent knew who their Independent Reviewing Officer was.'],
      points: ['The young people\'s representative presented the survey and asked the Panel to support free bus travel for care leavers up to the age of 25; the Panel agreed to recommend it to the Cabinet Member.'],
      risks: [] }),
    t('care-leavers', 'Care Leavers\' Local Offer', 'report', 'officer-cype', 2, 'The refreshed local offer to care leavers: housing, money, education and employment, health and wellbeing.', 'AGREE the local offer for publication.', { months: [9, 10, 11],
      background: ['The Council supports 1,930 care leavers aged 18 to 25; 57 per cent are in education, employment or training, against a national average of 56 per cent.'],
      points: ['{member} asked whether the Council could offer more apprenticeships; {officer} said 22 care leavers had started apprenticeships with the Council this year, with a guaranteed interview for every applicant.'],
      risks: ['Shortage of supported accommodation for young people leaving care'] }),
    t('iro-report', 'Independent Reviewing Officers Annual Report', 'report', 'officer-cype', 2, 'The annual report of the Independent Reviewing Officer service on the care plans of children in care.', 'NOTE the report.', { months: [5, 6, 7],
      background: ['Independent Reviewing Officers chaired 4,812 reviews; 93 per cent were held on time and children took part in 87 per cent of them.'],
      points: ['{member} asked how often the service had escalated a concern about a care plan; {officer} said 61 times, most about delayed court proceedings, and all but three were resolved informally.'],
      risks: [] }),
  ],
  planning: [
    t('application', 'Application', 'application', 'officer-planning', 5, '', 'PERMIT the application subject to the conditions set out in the report.'),
    t('enforcement', 'Update on planning enforcement cases', 'report', 'officer-planning', 5, 'Progress on enforcement cases at minerals and waste sites since the last meeting.', 'NOTE the report.', { recurring: true, months: [1, 4, 7, 10] }),
  ],
  audit: [
    t('internal-audit', 'Internal Audit Progress Report', 'report', 'officer-audit', 1, 'Progress against the internal audit plan, with the assurance level of each completed audit.', 'NOTE the progress report.', STANDING),
    t('risk', 'Corporate Risk Register', 'report', 'officer-scs', 7, 'The corporate risks, their owners, current and target risk scores and the mitigating actions.', 'NOTE the Corporate Risk Register.', { months: [1, 3, 7, 9, 11],
      background: ['The register holds 17 corporate risks; four are scored red: the high needs deficit, adult social care demand, cyber security and the delivery of the savings programme.'],
      points: ['{member} asked why the risk of a major incident had been lowered; {officer} said the new emergency plan had been tested in a county-wide exercise in the autumn.'],
      risks: [] }),
    t('accounts', 'Statement of Accounts', 'report', 'officer-finance', 1, 'The draft Statement of Accounts and the external auditor\'s findings.', 'APPROVE the Statement of Accounts.', { months: [7, 9, 11],
      background: ['The external auditor, Grant Harrow LLP, proposes an unqualified opinion; the audit found two adjusted errors in the valuation of land and buildings totalling £12.6m.'],
      points: ['{member} asked why property valuations were wrong two years running; {officer} said the valuer had used out-of-date floor areas and a reconciliation had been added before valuations were accepted.', 'The external auditor confirmed that no significant weaknesses had been found in the Council\'s arrangements for value for money.'],
      risks: ['The national audit backlog delays sign-off of the accounts'] }),
    t('fraud', 'Counter Fraud Annual Report', 'report', 'officer-audit', 1, 'The counter-fraud activity of the year and the outcome of investigations.', 'NOTE the report.', { months: [5, 7, 9],
      background: ['The team investigated 184 allegations; blue badge misuse was the most common, and fraud of £612,000 was identified, of which £448,000 has been recovered.'],
      points: ['{member} asked how many staff had been disciplined for fraud; {officer} said three, one of whom had been dismissed.'],
      risks: [] }),
    t('audit-plan', 'Internal Audit Plan and Charter', 'report', 'officer-audit', 1, 'The risk-based internal audit plan for the coming year and the Internal Audit Charter.', 'APPROVE the Internal Audit Plan and the Charter.', { months: [3, 5],
      background: ['The plan provides 1,620 days of audit, of which 38 per cent cover the highest corporate risks; it includes the first audit of the Council\'s use of artificial intelligence tools.'],
      points: ['{member} asked whether the plan was enough to give an annual opinion; {officer} said it was, and that the Committee would be told if the days fell short.'],
      risks: [] }),
    t('governance-statement', 'Annual Governance Statement', 'report', 'officer-counsel', 7, 'The draft Annual Governance Statement, with the significant governance issues and the actions to address them.', 'APPROVE the Annual Governance Statement.', { months: [5, 7],
      background: ['The statement identifies three significant governance issues: the high needs deficit, the local area SEND inspection and the resilience of the ICT estate.'],
      points: ['{member} asked whether the SEND inspection should still be a significant issue; {officer} said it should until the improvement plan had been signed off by the Department for Education.'],
      risks: [] }),
    t('treasury-audit', 'Treasury Management Strategy', 'report', 'officer-finance', 1, 'The Committee reviews the Treasury Management Strategy before it goes to the County Council with the budget.', 'COMMENT on the Treasury Management Strategy.', { months: [1, 2],
      background: ['The strategy sets an authorised limit for external debt of £1,020m and keeps investments with the Debt Management Office, banks rated A- or better and money market funds.'],
      points: ['{member} asked whether environmental criteria were applied to investments; {officer} said the strategy now preferred funds with a published net zero commitment where returns were equal.'],
      risks: [] }),
  ],
  select: [
    t('terms', 'Terms of reference and review plan', 'report', 'officer-scrutiny', 2, 'The terms of reference, witnesses and timetable of the review.', 'AGREE the terms of reference.', { months: [5, 6, 7, 9],
      background: ['The review will consider access to emotional wellbeing services, waiting times for the children and young people\'s mental health service, and support in schools.'],
      points: ['{member} asked that the review hear directly from young people; the Committee agreed to hold a session with the Youth Council.'],
      risks: [] }),
    t('evidence-nhs', 'Evidence session: the NHS mental health trust', 'report', 'officer-cype', 2, 'Written evidence from the children and young people\'s mental health service run by the NHS trust.', 'NOTE the evidence received.', {
      background: ['Referrals to the service have risen by 64 per cent in four years; the median wait from referral to treatment is 19 weeks.'],
      points: ['{member} asked what the trust was doing about the waiting list; the trust\'s clinical director said a single point of access had been opened and 2,100 children were being supported while they waited.'],
      risks: [] }),
    t('evidence-schools', 'Evidence session: schools and mental health support teams', 'report', 'officer-cype', 2, 'Evidence from headteachers and the mental health support teams working in schools.', 'NOTE the evidence received.', {
      background: ['Mental health support teams now cover 52 per cent of pupils in the county; headteachers of schools without one report long waits for help.'],
      points: ['{member} asked which schools would be covered next; the officer said the next six teams would go to the districts with the longest waits.'],
      risks: [] }),
    t('evidence-young-people', 'Evidence session: young people and the voluntary sector', 'report', 'officer-cype', 2, 'What young people and voluntary organisations told the Committee about getting help early.', 'NOTE the evidence received.', {
      background: ['The Youth Council\'s survey of 1,406 young people found that two in five did not know where to go for help with anxiety.'],
      points: ['Members of the Youth Council described their experience of waiting for help; {member} thanked them for their candour.'],
      risks: [] }),
    t('evidence-commissioners', 'Evidence session: commissioners and the integrated care board', 'report', 'officer-cype', 2, 'Evidence from the Council\'s commissioners and the integrated care board on funding and contracts.', 'NOTE the evidence received.', {
      background: ['Spending on children\'s mental health by the integrated care board is 0.9 per cent of its budget, below the national expectation of 1 per cent.'],
      points: ['{member} asked how the Council and the NHS pooled their budgets; the commissioner said a joint fund of £8.4m had been agreed for the coming year.'],
      risks: [] }),
    t('draft-report', 'Draft report of the Select Committee', 'report', 'officer-scrutiny', 2, 'The draft findings and recommendations of the review for the Committee to consider.', 'AGREE the report and its recommendations for submission to Cabinet.', { months: [1, 2, 3, 4],
      background: ['The draft report makes fourteen recommendations, among them a single front door for emotional wellbeing support and a mental health lead in every school.'],
      points: ['{member} proposed that the report call for a waiting time target of 12 weeks; the Committee agreed.'],
      risks: [] }),
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
    key: 'depot', body: 'cabinet', title: 'Disposal of the Former Westgate Depot', paragraphs: [3], director: 'officer-scs', portfolio: 1,
    publicInterestReason: 'The report contains the bids received for the depot and the Council\'s valuation; disclosure before completion would prejudice the Council\'s ability to obtain best consideration.',
    summary: 'The bids received for the former Westgate Depot and the recommended purchaser.',
    confidential: [
      'Four bids were received. The highest, from Marlowe Estates Ltd, is £3,850,000, conditional on planning permission for 64 homes; the highest unconditional bid is £2,975,000 from Tanners Yard Property LLP.',
      'The Council\'s valuer advises that the conditional bid is worth £3,310,000 after allowing for the risk and the delay; the remediation of contaminated land is estimated at £420,000 and would be borne by the purchaser.',
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
export const CONFIDENTIAL_MARKERS = ['Harrowden Civils Ltd', '£48,317,260', 'Jamie Quenby', 'Brookvale House', 'Ferndale Minibus Hire', 'ECU/4471', 'Wyvern Homes Ltd', '£7,100,000', 'Marlowe Estates Ltd', 'Tanners Yard Property LLP'];

import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET_RULES, revenueTotals, type RevenueRow } from '../../src/domain/budget.js';
import { parsePeriod, type Indicator } from '../../src/domain/indicators.js';
import { parseMoney } from '../../src/domain/money.js';
import { PUBLIC_VIEWER, type Viewer } from '../../src/domain/policy.js';
import type { Actor } from '../../src/domain/types.js';
import { listAudit } from '../../src/store/audit.js';
import {
  budgetView,
  dashboardView,
  indicatorHistory,
  publicationProblems,
  publishDataSet,
  saveDataContent,
} from '../../src/services/data.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { useTestStore } from '../helpers/use-store.js';

const clerk: Actor = { kind: 'user', id: 1, name: 'Clerk' };
const staff: Viewer = { kind: 'user', userId: 1, role: 'clerk', personId: null, bodyIds: [], grantedMeetingIds: [] };
const k = (s: string) => parseMoney(s, { unit: 'thousands' });
const std = (year: string, target: number, floor: number) => ({ year, target, floor, lower: null, upper: null, floorLower: null, floorUpper: null });
const ind = (ref: string, target: number, floor: number): Indicator => ({
  ref, description: `Indicator ${ref}`, serviceArea: 'Customer Services', director: 'A Director', cabinetMember: 'A Member',
  kind: 'kpi', polarity: 'higher', unit: '%', decimals: 0, standards: [std('2025-26', target, floor)],
});

function rev(line: string, forecast: string, last: string): RevenueRow {
  const f = k(forecast);
  return {
    kind: 'line', portfolio: 'Adults', line, narrative: 'Explained', sourceRow: null,
    figures: { gross: k('1000'), income: k('-200'), net: k('800'), forecastVariance: f, managementAction: 0, revisedVariance: f, lastReported: k(last), movement: f - k(last) },
  };
}

describe.each(STORE_KINDS)('data sets on %s', (kind) => {
  const get = useTestStore(kind);

  it('indicator values: versions, re-import unchanged, drafts hidden, dashboard rated', async (ctx) => {
    const { db } = get(ctx).store;
    const first = await saveDataContent(db, clerk, { kind: 'indicators', indicators: [ind('CS04', 95, 80), ind('CS05', 80, 70)] });
    expect(first).toMatchObject({ indicatorsAdded: 2, indicatorsChanged: 0 });
    const again = await saveDataContent(db, clerk, { kind: 'indicators', indicators: [ind('CS05', 80, 70), ind('CS04', 95, 80)] });
    expect(again).toMatchObject({ indicatorsAdded: 0, indicatorsChanged: 0, saved: [{ changed: false, version: 1 }] });

    const v = (ref: string, period: string, value: number) => ({ ref, period, value, reportedOn: null, note: null });
    const values = [v('CS04', '2025-26 Q1', 96), v('CS05', '2025-26 Q1', 79), v('CS04', '2025-26 Q2', 95), v('CS05', '2025-26 Q2', 82)];
    const saved = await saveDataContent(db, clerk, { kind: 'indicator-values', values }, { fileName: 'values.csv', bytes: new TextEncoder().encode('x') });
    expect(saved.saved.map((s) => [s.period, s.version, s.changed])).toEqual([['2025-26 Q1', 1, true], ['2025-26 Q2', 1, true]]);
    const same = await saveDataContent(db, clerk, { kind: 'indicator-values', values: [...values].reverse() });
    expect(same.saved.every((s) => !s.changed)).toBe(true);

    // Nothing is public until published.
    await expect(dashboardView(db, PUBLIC_VIEWER, '2025-26 Q2')).rejects.toThrow(/not found/);
    const draft = await dashboardView(db, staff, '2025-26 Q2', { state: 'current' });
    expect(draft.draft).toBe(true);
    for (const s of saved.saved) await publishDataSet(db, clerk, s.dataSetId);
    const pub = await dashboardView(db, PUBLIC_VIEWER, '2025-26 Q2', { state: 'current' });
    expect(pub.draft).toBe(false);
    expect(pub.dashboard.kpis.map((r) => [r.indicator.ref, r.rag, r.direction])).toEqual([['CS04', 'GREEN', 'falling'], ['CS05', 'GREEN', 'improving']]);
    expect(pub.dashboard.kpiSummary).toMatchObject({ green: 2, improving: 1, falling: 1 });

    // A corrected file is a new version; the public keeps seeing the published one until it is published.
    const corrected = await saveDataContent(db, clerk, { kind: 'indicator-values', values: [v('CS04', '2025-26 Q2', 79), v('CS05', '2025-26 Q2', 82)] });
    expect(corrected.saved).toMatchObject([{ version: 2, changed: true }]);
    expect((await dashboardView(db, PUBLIC_VIEWER, '2025-26 Q2')).dashboard.kpis[0].value).toBe(95);
    expect((await dashboardView(db, staff, '2025-26 Q2', { state: 'current' })).dashboard.kpis[0].rag).toBe('RED');
    expect((await indicatorHistory(db, PUBLIC_VIEWER, 'CS04')).values.map((x) => x.value)).toEqual([96, 95]);
    const audit = await listAudit(db, { entity: 'data_set' });
    expect(audit.some((a) => a.action === 'data.publish')).toBe(true);
  });

  it('budget: an unreconciled total is refused at publication naming the cell; the correction publishes; last reported is checked', async (ctx) => {
    const { db } = get(ctx).store;
    const may = parsePeriod('2025-05');
    const mayRows = [rev('Direct Payments', '50', '0'), rev('Residential Care', '-20', '0')];
    const s1 = await saveDataContent(db, clerk, { kind: 'revenue', period: may, rows: mayRows, rules: DEFAULT_BUDGET_RULES });
    expect(s1.publicationProblems).toEqual([]);
    await publishDataSet(db, clerk, s1.saved[0].dataSetId);

    const june = parsePeriod('2025-06');
    const lines = [rev('Direct Payments', '60', '50'), rev('Residential Care', '-25', '-20')];
    const total: RevenueRow = { kind: 'total', portfolio: '', line: 'Total', figures: { ...revenueTotals(lines).total, movement: k('6') }, narrative: null, sourceRow: 9 };
    const s2 = await saveDataContent(db, clerk, { kind: 'revenue', period: june, rows: [...lines, total], rules: DEFAULT_BUDGET_RULES }, { fileName: 'june.xlsx', bytes: new Uint8Array([1, 2]) });
    expect(s2.publicationProblems.map((p) => p.message)).toEqual([
      'Revenue table, row 9 ("Total"), column Movement: the table has 6 but revised variance − last reported gives 5 (£\'000s)',
      'Revenue table, row 9 ("Total"), column Movement: the table has 6 but the sum of its 2 lines gives 5 (£\'000s)',
    ]);
    const id = s2.saved[0].dataSetId;
    await expect(publishDataSet(db, clerk, id)).rejects.toThrow(/cannot be published: 2 problems: Revenue table, row 9/);
    await expect(budgetView(db, PUBLIC_VIEWER, 'revenue', '2025-06')).rejects.toThrow(/not found/);

    // The clerk's correction: version 2, which publishes.
    total.figures.movement = k('5');
    const s3 = await saveDataContent(db, clerk, { kind: 'revenue', period: june, rows: [...lines, total], rules: DEFAULT_BUDGET_RULES });
    expect(s3.saved[0]).toMatchObject({ version: 2, changed: true });
    expect(await publicationProblems(db, id)).toEqual([]);
    await publishDataSet(db, clerk, id);
    const view = await budgetView(db, PUBLIC_VIEWER, 'revenue', '2025-06');
    expect(view.revenue!.totals.total.revisedVariance).toBe(k('35'));
    expect(view.version.version).toBe(2);

    // July says June's revised variance was something else: caught against the last report.
    const july = [rev('Direct Payments', '60', '55')];
    const s4 = await saveDataContent(db, clerk, { kind: 'revenue', period: parsePeriod('2025-07'), rows: july, rules: DEFAULT_BUDGET_RULES });
    expect(s4.publicationProblems.map((p) => p.check)).toEqual(['last-report']);
    expect(s4.publicationProblems[0].message).toContain('the revised variance in the June 2025 report gives 60');
  });
});

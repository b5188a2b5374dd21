// dataReportHtml replaced a Nunjucks macro for speed; it must print exactly what the macro printed, for every
// feature of a report (draft tag, sentences, RAG, arrows, strong and numeric cells, total row, notes, line and bar
// charts, the link) and with characters that need escaping.
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import type { DataReportModel } from '../../src/domain/data-report.js';
import { chartSvg } from '../../src/web/charts.js';
import { dataReportHtml } from '../../src/web/data-report-html.js';

// The macro as it was before dataReportHtml (views/partials/data-report.njk before it).
const MACRO = `{% macro dataReport(model, headingLevel = 3, href = null) %}
<div class="moot-data-report">
<h{{ headingLevel }} class="govuk-heading-m">{{ model.title }}{% if model.draft %} <strong class="govuk-tag govuk-tag--yellow">Draft: not published</strong>{% endif %}</h{{ headingLevel }}>
{% for s in model.sentences %}<p class="govuk-body">{{ s }}</p>{% endfor %}
{% for t in model.tables %}
<div class="moot-table-scroll" tabindex="0" role="region" aria-label="{{ t.caption }}">
<table class="govuk-table moot-data-table">
<caption class="govuk-table__caption govuk-table__caption--s">{{ t.caption }}</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">{% for h in t.headers %}<th scope="col" class="govuk-table__header">{{ h }}</th>{% endfor %}</tr></thead>
<tbody class="govuk-table__body">
{% for row in t.rows %}<tr class="govuk-table__row{% if t.totalRow and loop.last %} moot-total-row{% endif %}">
{% for c in row %}{% if loop.first %}<th scope="row" class="govuk-table__header">{% else %}<td class="govuk-table__cell{% if c.numeric %} govuk-table__cell--numeric{% endif %}">{% endif %}{% if c.rag %}<strong class="govuk-tag moot-rag moot-rag--{{ c.rag | lower }}">{{ c.text }}</strong>{% elif c.arrow %}<span aria-hidden="true" class="moot-arrow">{{ c.arrow }}</span> {{ c.text }}{% elif c.strong %}<strong>{{ c.text }}</strong>{% else %}{{ c.text }}{% endif %}{% if loop.first %}</th>{% else %}</td>{% endif %}{% endfor %}
</tr>{% endfor %}
</tbody></table></div>
{% if t.notes and t.notes.length %}<ul class="govuk-list moot-data-notes">{% for n in t.notes %}<li>{{ n }}</li>{% endfor %}</ul>{% endif %}
{% endfor %}
{% if model.charts.length %}
<div class="moot-charts">
{% for c in model.charts %}
<figure class="moot-chart-figure">
{{ c | chartSvg | safe }}
<figcaption class="govuk-body-s"><strong>{{ c.title }}.</strong> {{ c.description }}</figcaption>
</figure>
{% endfor %}
</div>
{% endif %}
{% if href %}<p class="govuk-body"><a class="govuk-link" href="{{ href }}">{{ model.title }}: figures, downloads and history</a></p>{% endif %}
</div>
{% endmacro %}`;

function viaMacro(model: DataReportModel, level: number, href: string | null): string {
  const env = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addFilter('chartSvg', chartSvg);
  return env.renderString(`${MACRO}{{ dataReport(model, level, href) }}`, { model, level, href });
}

const tricky = `Adults' <care> & "support" \\ 5%`;
const full: DataReportModel = {
  title: `Dashboard: ${tricky}`,
  subtitle: 'Q4',
  draft: true,
  sentences: ['Of 3 indicators, 1 is Green.', tricky],
  tables: [
    {
      caption: `KPIs ${tricky}`,
      headers: ['Ref', 'Indicator', `Value ${tricky}`, 'RAG', 'Direction'],
      rows: [
        [{ text: 'CS01' }, { text: tricky }, { text: '91.0%', numeric: true }, { text: 'Green', rag: 'Green' as never }, { text: 'Improving', arrow: '↑' }],
        [{ text: 'CS02' }, { text: 'Two' }, { text: '—', numeric: true }, { text: 'Red', rag: 'Red' as never }, { text: 'No previous result' }],
        [{ text: 'Total', strong: true }, { text: '', strong: true }, { text: '1,200', numeric: true, strong: true }, { text: '' }, { text: '' }],
      ],
      totalRow: true,
      notes: ['A note', tricky],
    },
    { caption: 'Second', headers: ['A', 'B'], rows: [[{ text: 'x' }, { text: 'y' }]] },
  ],
  charts: [
    { kind: 'line', title: `CS01 ${tricky}`, unit: '%', points: [{ label: 'Q1', value: 80 }, { label: 'Q2', value: 91 }], target: 90, floor: 80, description: `Rose ${tricky}` } as never,
    { kind: 'bar', title: 'Variances', unit: '£k', bars: [{ label: 'Adults', value: 120 }, { label: tricky, value: -40 }], description: 'Two bars' } as never,
  ],
};

describe('dataReportHtml', () => {
  it('prints exactly what the data-report macro printed, for every feature and with escaping', () => {
    for (const [model, level, href] of [
      [full, 1, null],
      [full, 2, `/performance/2024-25-q4?a=1&b="2"`],
      [{ ...full, draft: false, sentences: [], charts: [], tables: [{ ...full.tables[0], totalRow: false, notes: [] }] }, 3, null],
      [{ ...full, tables: [] }, 3, '/x'],
    ] as [DataReportModel, number, string | null][]) {
      const macro = viaMacro(model, level, href);
      expect(`${dataReportHtml(model, level, href)}\n`).toBe(macro);
    }
  });

  it('escapes what the council typed', () => {
    const html = dataReportHtml(full, 1);
    expect(html).not.toContain('<care>');
    expect(html).toContain('Adults&#39; &lt;care&gt; &amp; &quot;support&quot; &#92; 5%');
  });
});

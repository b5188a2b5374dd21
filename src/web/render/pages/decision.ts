// pages/public/decision.njk as a plain function (issue 17): a Record of Decision, its exempt part for those entitled
// (the page's data already holds only what this viewer may see), its timeline.
import type { decisionPageFor } from '../../../services/decisions.js';
import { displayDate } from '../filters.js';
import { pageParagraphs } from '../../routes/public/filters.js';
import { esc } from '../html.js';
import { govukInsetText, govukSummaryList, type SummaryRow } from '../govuk.js';
import { layout, type LayoutContext } from '../layout.js';

type Read = NonNullable<Awaited<ReturnType<typeof decisionPageFor>>>;
export type DecisionContext = LayoutContext & { page: Read['page']; timeline?: Read['timeline'] };

const paras = (text: string | null | undefined): string => {
  let out = '';
  for (const p of pageParagraphs(text as string)) out += `<p class="govuk-body">${esc(p)}</p>`;
  return out;
};

export function decisionPage(c: DecisionContext): string {
  const page = c.page;
  const d = page.decision;
  const rows: SummaryRow[] = [
    { key: { text: 'Decision number' }, value: { text: d.number } },
    { key: { text: 'Decision taker' }, value: { text: d.taker_name } },
    { key: { text: 'Date taken' }, value: { text: displayDate(d.taken_on) } },
    { key: { text: 'Key decision' }, value: { text: d.key_decision ? 'Yes' : 'No' } },
    { key: { text: 'Status' }, value: { text: page.standing.phaseLabel } },
  ];
  if (d.urgent) rows.push({ key: { text: 'Urgency' }, value: { text: 'Taken as a matter of urgency: not open to call-in' } });
  if (d.published_on) rows.push({ key: { text: 'Published' }, value: { text: displayDate(d.published_on) } });
  if (d.call_in_ends_on) rows.push({ key: { text: 'Call-in period ends' }, value: { text: displayDate(d.call_in_ends_on) } });
  if (d.meeting_slug) {
    // As the template concatenates them: the slug as it is, the names escaped.
    rows.push({ key: { text: 'Meeting' }, value: { html: `<a class="govuk-link" href="/meetings/${d.meeting_slug}">${esc(d.meeting_body_name)}, ${esc(displayDate(d.meeting_date))}</a>` } });
    if (d.item_code) {
      rows.push({ key: { text: 'Agenda item' }, value: { html: `<a class="govuk-link" href="/meetings/${d.meeting_slug}/items/${encodeURIComponent(d.item_code)}">Item ${esc(d.item_code)}: ${esc(d.item_title)}</a>` } });
    }
  }
  let out = `<span class="govuk-caption-l">Record of Decision ${esc(d.number)}</span>\n<h1 class="govuk-heading-l">${esc(d.subject)}</h1>\n`
    + '<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">\n' + govukSummaryList({ rows }) + '\n';
  const xp = page.exemptPart;
  if (xp) out += govukInsetText({ text: xp.notice });
  out += '<h2 class="govuk-heading-m">Decision</h2>\n' + paras(d.decision_text);
  if (d.reasons) out += '<h2 class="govuk-heading-m">Reasons for the decision</h2>' + paras(d.reasons);
  if (d.alternatives) out += '<h2 class="govuk-heading-m">Alternatives considered</h2>' + paras(d.alternatives);
  if (d.interests_declared) out += `<h2 class="govuk-heading-m">Interests declared</h2><p class="govuk-body">${esc(d.interests_declared)}</p>`;
  if (d.background_documents) out += `<h2 class="govuk-heading-m">Background documents</h2><p class="govuk-body">${esc(d.background_documents)}</p>`;
  if (d.dispensations) out += `<h2 class="govuk-heading-m">Dispensations</h2><p class="govuk-body">${esc(d.dispensations)}</p>`;
  if (xp && xp.text) {
    out += '<section class="moot-exempt-part" aria-labelledby="exempt-part">\n<h2 class="govuk-heading-m" id="exempt-part">Exempt part: not for publication</h2>\n'
      + '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text">'
      + `<span class="govuk-visually-hidden">Warning</span>${esc(xp.label)}. You see this because you are a councillor or work in Democratic Services: do not share it.</strong></div>\n`
      + paras(xp.text) + '</section>';
  }
  const timeline = c.timeline;
  if (timeline && timeline.steps.length) {
    out += '<h2 class="govuk-heading-m">Timeline</h2>\n<ol class="govuk-list govuk-list--number" id="timeline">';
    for (const s of timeline.steps) {
      out += `<li><strong>${esc(displayDate(s.on))}</strong>: ${s.href ? `<a class="govuk-link" href="${esc(s.href)}">${esc(s.label)}</a>` : esc(s.label)}`
        + `${s.detail ? `. ${esc(s.detail)}` : ''}</li>`;
    }
    out += '</ol>';
  }
  out += '</div></div>\n';
  return layout(c, out);
}

// The fields of a Record of Decision, read once for both forms that record one: Democratic Services' workspace form
// and a Cabinet Member's own form in the councillors' area. The checks that need the record (reasons and alternatives
// for executive decisions, the forward plan link, 28 clear days) are the service's (takeDecision), not repeated here.
import { z } from 'zod';
import { EXEMPT_PARAGRAPH_DESCRIPTIONS, EXEMPT_PARAGRAPHS } from '../../domain/types.js';
import { checkbox, isoDate, list, optionalText, requiredText, str } from './workspace/form.js';

export const decisionContentFields = {
  takenOn: isoDate('date of the decision'),
  // Blank: the forward plan entry's subject as published, else the agenda item's title (the service fills it in).
  subject: optionalText('Subject', 500),
  key: checkbox,
  urgent: checkbox,
  containsExempt: checkbox,
  inPrivate: checkbox,
  exemptPart: optionalText('Exempt part', 20000),
  text: requiredText('Enter the decision', 20000),
  reasons: optionalText('Reasons', 20000),
  alternatives: optionalText('Alternatives considered', 20000),
  interests: optionalText('Interests declared', 5000),
  background: optionalText('Background documents', 5000),
};

/** A form's decision as the service takes it (the taker and meeting are each form's own). */
export function decisionContentOf(d: z.infer<z.ZodObject<typeof decisionContentFields>>, form: Record<string, unknown>) {
  const num = (name: string) => (/^\d+$/.test(str(form, name)) ? Number(str(form, name)) : null);
  return {
    takenOn: d.takenOn, subject: d.subject ?? '', key: d.key, urgent: d.urgent, text: d.text,
    // Taken in private: the record is public with its exempt part left out (services/executive/decisions.ts).
    exempt: d.inPrivate, containsExemptInformation: d.containsExempt, exemptParagraphs: list(form, 'exemptParagraphs').map(Number), exemptPart: d.exemptPart, reasons: d.reasons, alternatives: d.alternatives,
    interestsDeclared: d.interests, backgroundDocuments: d.background, dispensations: str(form, 'dispensations') || null, consultation: str(form, 'consultation') || null,
    forwardPlanEntryId: num('forwardPlanEntryId'), reconsidersDecisionId: num('reconsidersDecisionId'),
  };
}

/** The paragraphs of Schedule 12A as checkboxes, those chosen ticked (the exempt part of the decision forms). */
export function exemptParagraphItems(form: Record<string, unknown>) {
  const chosen = list(form, 'exemptParagraphs');
  return EXEMPT_PARAGRAPHS.map((p) => ({ value: String(p), text: `Paragraph ${p}`, hint: { text: EXEMPT_PARAGRAPH_DESCRIPTIONS[p] }, checked: chosen.includes(String(p)) }));
}

// The fields of a Record of Decision, read once for both forms that record one: Democratic Services' workspace form
// and a Cabinet Member's own form in the councillors' area. The checks that need the record (reasons and alternatives
// for executive decisions, the forward plan link, 28 clear days) are the service's (takeDecision), not repeated here.
import { z } from 'zod';
import { checkbox, isoDate, optionalText, requiredText, str } from './workspace/form.js';

export const decisionContentFields = {
  takenOn: isoDate('date of the decision'),
  subject: requiredText('Enter the subject of the decision', 500),
  key: checkbox,
  urgent: checkbox,
  containsExempt: checkbox,
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
    takenOn: d.takenOn, subject: d.subject, key: d.key, urgent: d.urgent, containsExemptInformation: d.containsExempt, text: d.text, reasons: d.reasons, alternatives: d.alternatives,
    interestsDeclared: d.interests, backgroundDocuments: d.background, dispensations: str(form, 'dispensations') || null, consultation: str(form, 'consultation') || null,
    forwardPlanEntryId: num('forwardPlanEntryId'), reconsidersDecisionId: num('reconsidersDecisionId'),
  };
}

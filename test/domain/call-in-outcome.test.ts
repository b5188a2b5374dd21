// The scrutiny outcome of a call-in reads once: what the Committee resolved, then its comments, whether the comments
// were stored on their own or (in records made before) after the option's letter and wording.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_IN_OUTCOME_TEXT, CALL_IN_OUTCOMES, callInComments, callInOutcomeReading, callInResolution } from '../../src/domain/executive.js';

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('the reading of a call-in outcome', () => {
  it('says what the Committee resolved once and its comments once, from either stored form', () => {
    const comments = fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() === s && s.length > 0 && !s.includes('resolved to'));
    fc.assert(fc.property(fc.constantFrom(...CALL_IN_OUTCOMES), comments, fc.boolean(), (outcome, text, legacy) => {
      const stored = legacy ? `(${outcome}) ${CALL_IN_OUTCOME_TEXT[outcome]}. ${text}` : text;
      const reading = callInOutcomeReading(outcome, stored);
      expect(count(reading, CALL_IN_OUTCOME_TEXT[outcome])).toBe(1);
      expect(reading).not.toContain(`(${outcome}) `);
      expect(reading.endsWith(` ${text}`)).toBe(true);
      expect(callInComments(outcome, stored)).toBe(text);
    }));
  });

  it('reads without comments for (a), stored old or new', () => {
    expect(callInOutcomeReading('a', null)).toBe('The Committee resolved to make no comments.');
    expect(callInOutcomeReading('a', '(a) make no comments.')).toBe('The Committee resolved to make no comments.');
    expect(callInComments('a', '(a) make no comments.')).toBeNull();
  });

  it('is minuted as the option the Committee chose on the decision, with its comments, in a council\u2019s words', () => {
    expect(callInResolution('a', null, '26/00011')).toBe('RESOLVED that, having considered decision 26/00011 called in, the Committee make no comments (option (a)). The decision may now be implemented.');
    expect(callInResolution('c', 'Reconsider the rural routes', '26/00028')).toBe('RESOLVED that, having considered decision 26/00028 called in, the Committee require implementation of the decision to be postponed pending '
      + 'reconsideration of the matter by the decision-maker in the light of the Committee\u2019s comments (option (c)). The Committee\u2019s comments: Reconsider the rural routes.');
    // Stored in the older form (letter and wording first), the wording is not repeated.
    expect(callInResolution('b', '(b) express comments but not require reconsideration of the decision. Cost the alternatives.', '26/00030'))
      .toBe('RESOLVED that, having considered decision 26/00030 called in, the Committee express comments but not require reconsideration of the decision (option (b)). The Committee\u2019s comments: Cost the alternatives. The decision may now be implemented.');
    for (const o of CALL_IN_OUTCOMES) expect(callInResolution(o, 'x', '26/00001')).not.toMatch(/noted/);
  });
});

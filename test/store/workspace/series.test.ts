// The standing items a new series of meetings starts with: the closing item names whoever chairs the body.
import { describe, expect, it } from 'vitest';
import { standingAgenda } from '../../../src/store/workspace/series.js';

const closing = (s: ReturnType<typeof standingAgenda>) => s.flatMap((x) => x.items).at(-1)?.title;

describe('standing agenda of a new series', () => {
  it('closes with the items the chair decides are relevant or urgent: the Chairman of a committee, the Leader at Cabinet', () => {
    expect(closing(standingAgenda('numbered', 'regulatory-committee'))).toBe('Other items which the Chairman decides are relevant or urgent');
    expect(closing(standingAgenda('lettered', 'cabinet'))).toBe('Other items which the Leader decides are relevant or urgent');
    expect(standingAgenda('lettered', 'cabinet')[0].items.map((i) => i.code)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });
});

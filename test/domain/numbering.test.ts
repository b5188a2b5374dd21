import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateItemCodes,
  compareItemCodes,
  compareMinuteNumbers,
  formatDecisionNumber,
  nextDecisionNumber,
  nextMinuteNumbers,
  parseDecisionNumber,
  parseItemCode,
  parseMinuteNumber,
  tryParseDecisionNumber,
  tryParseItemCode,
  type ItemCodeStyle,
} from '../../src/domain/numbering.js';

describe('Record of Decision numbers', () => {
  it('formats and parses the printed forms', () => {
    expect(formatDecisionNumber(2011, 1769)).toBe('11/01769');
    expect(formatDecisionNumber(2010, 1481)).toBe('10/01481');
    expect(formatDecisionNumber(2005, 7)).toBe('05/00007');
    for (const s of ['11/01769', '11/1769', ' 11 / 01769 ', '2011/01769', 'Decision No: 11/01769', 'Record of Decision 11/01769']) {
      expect(parseDecisionNumber(s), s).toEqual({ year: 2011, seq: 1769 });
    }
  });

  it('puts two-digit years in the right century', () => {
    expect(parseDecisionNumber('98/00012').year).toBe(1998);
    expect(parseDecisionNumber('69/00012').year).toBe(2069);
    expect(parseDecisionNumber('00/00001').year).toBe(2000);
  });

  it('continues the sequence', () => {
    expect(nextDecisionNumber(2012, 1904)).toBe('12/01905');
    expect(nextDecisionNumber(2013, null)).toBe('13/00001');
  });

  it('rejects what is not a decision number, quoting it', () => {
    for (const s of ['', '11-01769x', '11/', '/01769', '11/123456', '1/01769', '11/00000', 'item 11/01769']) {
      expect(tryParseDecisionNumber(s), s).toBeNull();
    }
    expect(() => parseDecisionNumber('11/0176x')).toThrow(/"11\/0176x" is not a Record of Decision number/);
    expect(() => formatDecisionNumber(2011, 0)).toThrow(/sequence/);
    expect(() => formatDecisionNumber(2011, 100000)).toThrow(/sequence/);
    expect(() => formatDecisionNumber(1969, 1)).toThrow(/year/);
  });

  it('round-trips format and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2069 }), fc.integer({ min: 1, max: 99_999 }), (year, seq) => {
        const s = formatDecisionNumber(year, seq);
        expect(s).toMatch(/^\d{2}\/\d{5}$/);
        expect(parseDecisionNumber(s)).toEqual({ year, seq });
        expect(parseDecisionNumber(` ${s.replace('/', ' / ')} `)).toEqual({ year, seq });
        expect(parseDecisionNumber(`${String(year % 100).padStart(2, '0')}/${seq}`)).toEqual({ year, seq });
      }),
    );
  });
});

describe('minute numbers', () => {
  it('keeps the printed text and gives a sortable key', () => {
    expect(parseMinuteNumber('75')).toMatchObject({ text: '75', sequence: 75, year: null });
    expect(parseMinuteNumber('2712.')).toMatchObject({ text: '2712', sequence: 2712 });
    expect(parseMinuteNumber('72/17')).toMatchObject({ text: '72/17', sequence: 72, year: 2017 });
    expect(parseMinuteNumber('Minute 75')).toMatchObject({ text: '75' });
    expect(parseMinuteNumber('(88)')).toMatchObject({ text: '88' });
    expect(parseMinuteNumber('75a')).toMatchObject({ text: '75a', suffix: 'a' });
    expect(() => parseMinuteNumber('seventy')).toThrow(/"seventy" is not a minute number/);
  });

  it('sorts numerically and by year before number', () => {
    const printed = ['89', '9', '75a', '75', '100'];
    expect([...printed].sort(compareMinuteNumbers)).toEqual(['9', '75', '75a', '89', '100']);
    expect(['1/18', '72/17', '5/17'].sort(compareMinuteNumbers)).toEqual(['5/17', '72/17', '1/18']);
  });

  it('continues from meeting to meeting (75…88, then 89)', () => {
    const first = nextMinuteNumbers(74, 14);
    expect(first[0]).toBe(75);
    expect(first.at(-1)).toBe(88);
    expect(nextMinuteNumbers(first.at(-1)!, 2)).toEqual([89, 90]);
    expect(nextMinuteNumbers(null, 3)).toEqual([1, 2, 3]);
    expect(nextMinuteNumbers(10, 0)).toEqual([]);
    expect(() => nextMinuteNumbers(-1, 2)).toThrow(/last minute number/);
  });

  it('sequences over many meetings have no gaps or repeats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 20 }), (start, counts) => {
        let last = start;
        const all: number[] = [];
        for (const n of counts) {
          const numbers = nextMinuteNumbers(last, n);
          all.push(...numbers);
          if (numbers.length) last = numbers.at(-1)!;
        }
        expect(all).toEqual(Array.from({ length: all.length }, (_, i) => start + 1 + i));
        const keys = all.map((n) => parseMinuteNumber(String(n)).key);
        expect([...keys].sort()).toEqual(keys);
      }),
    );
  });
});

describe('agenda item codes', () => {
  it('numbers straight through, or by lettered section', () => {
    expect(allocateItemCodes('numbered', [{ itemCount: 4 }, { itemCount: 0 }, { itemCount: 2 }])).toEqual([
      ['1', '2', '3', '4'],
      [],
      ['5', '6'],
    ]);
    // Policy and Resources Cabinet Committee, 8 September 2016: A1–A5, B1–B4, C1–C6.
    expect(allocateItemCodes('lettered', [{ itemCount: 5 }, { itemCount: 4 }, { itemCount: 6 }]).flat()).toEqual([
      'A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6',
    ]);
    expect(allocateItemCodes('lettered', [{ itemCount: 1 }, { letter: 'd', itemCount: 2 }, { itemCount: 1 }])).toEqual([
      ['A1'],
      ['D1', 'D2'],
      ['E1'],
    ]);
  });

  it('explains impossible sections', () => {
    expect(() => allocateItemCodes('lettered', [{ letter: 'B', itemCount: 1 }, { letter: 'A', itemCount: 1 }])).toThrow(
      /section 2: section letter A must come after B/,
    );
    expect(() => allocateItemCodes('lettered', [{ letter: 'AB', itemCount: 1 }])).toThrow(/section 1: section letter must be a single letter/);
    expect(() => allocateItemCodes('numbered', [{ letter: 'A', itemCount: 1 }])).toThrow(/numbered agendas have no section letters/);
    expect(() => allocateItemCodes('numbered', [{ itemCount: -1 }])).toThrow(/section 1: item count/);
    expect(() => allocateItemCodes('roman' as ItemCodeStyle, [])).toThrow(/agenda style/);
  });

  it('parses codes as printed', () => {
    expect(parseItemCode('A1')).toEqual({ text: 'A1', section: 'A', number: 1, suffix: '' });
    expect(parseItemCode(' b12. ')).toMatchObject({ text: 'B12' });
    expect(parseItemCode('Item D1')).toMatchObject({ text: 'D1' });
    expect(parseItemCode('3(a)')).toMatchObject({ text: '3a', section: null, number: 3, suffix: 'a' });
    expect(tryParseItemCode('AA1')).toBeNull();
    expect(() => parseItemCode('Minutes')).toThrow(/"Minutes" is not an agenda item code/);
  });

  it('compares in natural order', () => {
    expect(['B1', 'A10', 'A2', '10', '2', 'A2a'].sort(compareItemCodes)).toEqual(['2', '10', 'A2', 'A2a', 'A10', 'B1']);
  });

  const sectionsArb = fc.array(
    fc.record({ itemCount: fc.integer({ min: 0, max: 30 }), skip: fc.boolean() }),
    { maxLength: 10 },
  );

  it('allocated codes are unique, sorted, parse back to themselves and count every item', () => {
    fc.assert(
      fc.property(fc.constantFrom<ItemCodeStyle>('numbered', 'lettered'), sectionsArb, (style, specs) => {
        // In the lettered style sometimes skip a letter, as councils do for an omitted section.
        let code = 64;
        const sections = specs.map(({ itemCount, skip }) => {
          code += skip ? 2 : 1;
          return style === 'lettered' && skip ? { letter: String.fromCharCode(code), itemCount } : { itemCount };
        });
        const codes = allocateItemCodes(style, sections);
        const flat = codes.flat();
        expect(codes.map((c) => c.length)).toEqual(sections.map((s) => s.itemCount));
        expect(new Set(flat).size).toBe(flat.length);
        for (let i = 1; i < flat.length; i++) expect(compareItemCodes(flat[i - 1], flat[i])).toBeLessThan(0);
        for (const c of flat) expect(parseItemCode(c).text).toBe(c);
      }),
    );
  });

  it('compareItemCodes is a consistent order', () => {
    const codeArb = fc.tuple(fc.constantFrom('', 'A', 'B', 'C'), fc.integer({ min: 1, max: 120 }), fc.constantFrom('', 'a', 'b')).map(
      ([s, n, x]) => `${s}${n}${x}`,
    );
    fc.assert(
      fc.property(codeArb, codeArb, codeArb, (a, b, c) => {
        expect(Math.sign(compareItemCodes(a, b)) + Math.sign(compareItemCodes(b, a))).toBe(0); // antisymmetric (a sum: -0 and 0 differ for toBe)
        expect(compareItemCodes(a, b) === 0).toBe(a === b);
        if (compareItemCodes(a, b) <= 0 && compareItemCodes(b, c) <= 0) expect(compareItemCodes(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('membershipRoleLabel', () => {
  it('calls the executive\'s chair the Leader and other bodies\' the Chairman', async () => {
    const { membershipRoleLabel } = await import('../../src/domain/types.js');
    expect(membershipRoleLabel('chairman', 'cabinet')).toBe('Leader');
    expect(membershipRoleLabel('vice-chairman', 'cabinet')).toBe('Deputy Leader');
    expect(membershipRoleLabel('chairman', 'scrutiny-committee')).toBe('Chairman');
    expect(membershipRoleLabel('member', 'cabinet')).toBe('Cabinet Member');
    expect(membershipRoleLabel('member', 'regulatory-committee')).toBe('Member');
  });

  it('gives the councillor\'s page its titles and lists their roles with the portfolio, from the same rule', async () => {
    const { cabinetMemberTitle, membershipRoleText, membershipTitle } = await import('../../src/domain/types.js');
    expect(membershipTitle('chairman', 'cabinet')).toEqual({ title: 'Leader of the Council', namesBody: false });
    expect(membershipTitle('vice-chairman', 'cabinet')).toEqual({ title: 'Deputy Leader of the Council', namesBody: false });
    expect(membershipTitle('member', 'cabinet')).toEqual({ title: 'Cabinet Member', namesBody: false });
    expect(membershipTitle('chairman', 'regulatory-committee')).toEqual({ title: 'Chairman', namesBody: true });
    expect(membershipTitle('vice-chairman', 'scrutiny-committee')).toEqual({ title: 'Vice-Chairman', namesBody: true });
    expect(membershipTitle('member', 'regulatory-committee')).toBeNull();
    expect(membershipTitle('substitute', 'cabinet')).toBeNull();
    expect(membershipRoleText({ role: 'chairman', bodyKind: 'cabinet', portfolio: 'Finance' })).toBe('Leader, portfolio: Finance');
    expect(membershipRoleText({ role: 'co-opted-voting', bodyKind: 'scrutiny-committee', coOptedCategory: 'Parent governor' })).toBe('Co-opted member (voting) (Parent governor)');
    expect(membershipRoleText({ role: 'member', bodyKind: 'cabinet', portfolio: 'Highways' })).toBe('Cabinet Member for Highways');
    expect(membershipRoleText({ role: 'member', bodyKind: 'cabinet' })).toBe('Cabinet Member');
    expect(cabinetMemberTitle('Highways')).toBe('Cabinet Member for Highways');
  });
});

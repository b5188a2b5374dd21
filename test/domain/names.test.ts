import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialsOf, NAME_STYLES, sortablePersonName, styledPersonName } from '../../src/domain/names.js';

const kim = { title: 'Mr', initials: 'K', forenames: 'Kim', surname: 'Hebden', postNominals: null };

describe('names in the council\'s style', () => {
  it('writes each style as its example', () => {
    expect(styledPersonName(kim, 'councillor', 'title-initials')).toBe('Mr K Hebden');
    expect(styledPersonName(kim, 'councillor', 'title-forenames')).toBe('Mr Kim Hebden');
    expect(styledPersonName(kim, 'councillor', 'councillor-forenames')).toBe('Councillor Kim Hebden');
    expect(styledPersonName(kim, 'councillor', 'cllr-forenames')).toBe('Cllr Kim Hebden');
  });
  it('keeps a title that is not a courtesy title after Councillor, and honours after the name', () => {
    expect(styledPersonName({ title: 'Dr', initials: 'A', forenames: 'Ann', surname: 'Lee', postNominals: 'OBE' }, 'councillor', 'councillor-forenames')).toBe('Councillor Dr Ann Lee, OBE');
    expect(styledPersonName({ title: 'Cllr', initials: 'A', forenames: null, surname: 'Lee', postNominals: null }, 'councillor', 'cllr-forenames')).toBe('Cllr A Lee');
  });
  it('works out initials from forenames and sorts by surname', () => {
    expect(initialsOf('roger  Alan')).toBe('R A');
    expect(sortablePersonName(kim)).toBe('Hebden, Kim');
    expect(sortablePersonName({ initials: 'K', forenames: null, surname: 'Hebden' })).toBe('Hebden, K');
    expect(sortablePersonName({ initials: null, forenames: null, surname: 'Hebden' })).toBe('Hebden');
  });
  it('never calls a co-opted member Councillor', () => {
    fc.assert(fc.property(fc.constantFrom(...NAME_STYLES), fc.constantFrom('co-opted', 'officer', 'other'), (style, kind) => {
      const name = styledPersonName({ ...kim, title: 'Mrs' }, kind, style);
      expect(name.startsWith('Mrs ')).toBe(true);
      expect(name).not.toMatch(/Councillor|Cllr/);
    }));
  });
});

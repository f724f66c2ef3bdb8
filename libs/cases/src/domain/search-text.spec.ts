import { buildSearchText, searchPatterns } from './search-text';

const SEPARATOR = ' \u0001 ';

describe('buildSearchText', () => {
  const state = {
    number: '2026-000017-9',
    subject: 'Dziura w jezdni',
    description: 'Głęboka dziura przy przystanku',
    resident: { name: 'Jan Kowalski', phone: '+48 601-234-567', email: 'Jan.Kowalski@Example.pl' },
  };

  it('joins number, subject, description, name, phone, bare phone digits and email, folded', () => {
    expect(buildSearchText(state)).toBe(
      [
        '2026-000017-9',
        'dziura w jezdni',
        'gleboka dziura przy przystanku',
        'jan kowalski',
        '+48 601-234-567',
        '48601234567',
        'jan.kowalski@example.pl',
      ].join(SEPARATOR),
    );
  });

  it('contains the bare digits of the phone, so either form of a phone query finds it', () => {
    const text = buildSearchText(state);
    expect(text).toContain('48601234567');
    for (const pattern of searchPatterns('601 234')) {
      expect(text.includes(pattern)).toBe(pattern === '601234');
    }
    expect(searchPatterns('601-234-567').some((pattern) => text.includes(pattern))).toBe(true);
  });

  it('leaves out what is missing', () => {
    expect(buildSearchText({ ...state, description: null, resident: null })).toBe(
      ['2026-000017-9', 'dziura w jezdni'].join(SEPARATOR),
    );
    expect(buildSearchText({ ...state, description: '', resident: { name: null, phone: null, email: 'a@b.pl' } })).toBe(
      ['2026-000017-9', 'dziura w jezdni', 'a@b.pl'].join(SEPARATOR),
    );
  });
});

describe('searchPatterns', () => {
  it.each([
    ['601 234', ['601 234', '601234']],
    ['Kowalski', ['kowalski']],
    ['  Łódź ', ['lodz']],
    ['601234', ['601234']],
    ['+48 601-234-567', ['+48 601-234-567', '48601234567']],
    ['(58) 123', ['(58) 123', '58123']],
    ['12 3', ['12 3', '123']],
    ['1 2', ['1 2']],
    ['601 abc', ['601 abc']],
    ['2026-000017-9', ['2026-000017-9', '20260000179']],
  ])('turns %j into %j', (query, expected) => {
    expect(searchPatterns(query)).toEqual(expected);
  });
});

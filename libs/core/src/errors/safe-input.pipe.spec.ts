import { findUnsafeInput } from './safe-input.pipe';

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

describe('findUnsafeInput', () => {
  it.each([
    ['plain text and numbers', { subject: 'Dziura w jezdni – Źródło', lat: 54.3, tags: ['a', 'b'] }],
    ['emoji (a valid surrogate pair)', { body: 'Dziękuję 👍' }],
    ['nesting of 15 levels', nested(15)],
    ['null and booleans', { a: null, b: true }],
  ])('accepts %s', (_, value) => {
    expect(findUnsafeInput(value)).toBeNull();
  });

  it.each([
    [
      'a NUL in a value',
      { resident: { name: 'Jan\u0000' } },
      { field: 'resident.name', message: 'must not contain NUL characters' },
    ],
    ['a NUL in a key', { ['a\u0000']: 1 }, { field: 'a\u0000', message: 'must not contain NUL characters' }],
    [
      'an unpaired surrogate',
      { notes: ['ok', 'x\ud800'] },
      { field: 'notes.1', message: 'must be well-formed Unicode' },
    ],
    ['a bare string path parameter', 'a\u0000b', { field: 'code', message: 'must not contain NUL characters' }],
  ])('refuses %s, naming the field', (_, value, error) => {
    expect(findUnsafeInput(value, typeof value === 'string' ? 'code' : '')).toEqual(error);
  });

  it('refuses nesting of 17 levels, and survives 100,000', () => {
    expect(findUnsafeInput(nested(17))).toEqual({
      field: 'a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a',
      message: 'must not be nested more than 16 levels deep',
    });
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(findUnsafeInput(deep)?.message).toBe('must not be nested more than 16 levels deep');
  });
});

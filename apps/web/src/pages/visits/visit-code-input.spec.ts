import { describe, expect, it } from '@jest/globals';
import { isVisitCode, normalizedCode } from './visit-code-input';

describe('a visit code as typed', () => {
  it('drops spaces and hyphens and reads it in capitals', () => {
    expect(normalizedCode('7kq2-m9xd')).toBe('7KQ2M9XD');
    expect(normalizedCode(' 7KQ2 M9XD ')).toBe('7KQ2M9XD');
    expect(normalizedCode('7k-q2\tm9-xd')).toBe('7KQ2M9XD');
    expect(normalizedCode('')).toBe('');
  });

  it('takes 8 characters of Crockford base32, with I, L and O the api forgives, and no U', () => {
    expect(isVisitCode('7KQ2M9XD')).toBe(true);
    expect(isVisitCode('0OIL1234')).toBe(true);
    expect(isVisitCode('7KQ2M9XU')).toBe(false);
    expect(isVisitCode('7KQ2M9X')).toBe(false);
    expect(isVisitCode('7KQ2M9XDA')).toBe(false);
    expect(isVisitCode('7kq2m9xd')).toBe(false);
    expect(isVisitCode('7KQ2-M9X')).toBe(false);
  });

  it('accepts what a resident typed once it is normalized', () => {
    expect(isVisitCode(normalizedCode('7kq2-m9xd'))).toBe(true);
    expect(isVisitCode(normalizedCode('7kq2-m9xu'))).toBe(false);
  });
});

import { generateTrackingCode, hashTrackingCode, normalizeTrackingCode, TRACKING_CODE_LENGTH } from './tracking-code';

const CROCKFORD_CODE = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/;
const SECRET = 'test-secret';

/** A stand-in for `randomInt` that returns the given alphabet indexes in turn. */
function scripted(indexes: number[]) {
  let call = 0;
  return jest.fn((max: number): number => {
    if (max !== 32) throw new Error(`expected max 32, got ${max}`);
    return indexes[call++];
  });
}

describe('generateTrackingCode', () => {
  it('is 8 characters long', () => {
    expect(TRACKING_CODE_LENGTH).toBe(8);
  });

  it.each([
    [[0, 9, 10, 17, 18, 20, 27, 31], '09AHJMVZ'],
    [[0, 0, 0, 0, 0, 0, 0, 0], '00000000'],
    [[31, 30, 29, 28, 27, 26, 25, 24], 'ZYXWVTSR'],
    [[17, 18, 19, 20, 21, 22, 26, 27], 'HJKMNPTV'],
  ])('maps the random indexes %j to %s', (indexes, expected) => {
    const random = scripted(indexes);
    expect(generateTrackingCode(random)).toBe(expected);
    expect(random).toHaveBeenCalledTimes(8);
    expect(random.mock.calls).toEqual(Array.from({ length: 8 }, () => [32]));
  });

  it('never uses I, L, O or U, whatever the random index', () => {
    const alphabet = Array.from({ length: 32 }, (_, index) => generateTrackingCode(() => index)[0]).join('');
    expect(alphabet).toBe('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
  });

  it('produces Crockford base32 codes with the default random source', () => {
    const codes = Array.from({ length: 200 }, () => generateTrackingCode());
    expect(codes.filter((code) => !CROCKFORD_CODE.test(code))).toEqual([]);
    expect(codes.every((code) => normalizeTrackingCode(code) === code)).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(195);
  });
});

describe('normalizeTrackingCode', () => {
  it.each([
    ['ABCD1234', 'ABCD1234'],
    ['abcd1234', 'ABCD1234'],
    ['abcd-1234', 'ABCD1234'],
    ['AB-CD-12-34', 'ABCD1234'],
    ['oO00', '0000'],
    ['iIlL', '1111'],
    ['hjkm-nptv', 'HJKMNPTV'],
    ['0a1b-1c1d', '0A1B1C1D'],
  ])('normalises %j to %j', (code, expected) => {
    expect(normalizeTrackingCode(code)).toBe(expected);
  });
});

describe('hashTrackingCode', () => {
  it('is HMAC-SHA-256 of the normalised code, base64url without padding', () => {
    expect(hashTrackingCode('ABCD1234', SECRET)).toBe('JI2Hjer4KFOy3SZf5WdMvJY11oWGzRd98ZfwKQ8sL4Q');
  });

  it.each(['abcd1234', 'AbCd1234', 'abcd-1234', 'ABCD-12-34'])('gives %j the same hash as ABCD1234', (code) => {
    expect(hashTrackingCode(code, SECRET)).toBe(hashTrackingCode('ABCD1234', SECRET));
  });

  it('forgives the look-alikes O, I and L', () => {
    expect(hashTrackingCode('OAIBLCiD', SECRET)).toBe('a5okgwf2xetZoTLgKWP_bxuZX2AowEBjMd6un3px3U8');
  });

  it('differs for a different secret', () => {
    expect(hashTrackingCode('ABCD1234', 'another-secret')).not.toBe(hashTrackingCode('ABCD1234', SECRET));
  });

  it('differs for a different code', () => {
    expect(hashTrackingCode('ABCD1235', SECRET)).not.toBe(hashTrackingCode('ABCD1234', SECRET));
  });

  it('does not contain the code itself', () => {
    const hash = hashTrackingCode('ABCD1234', SECRET);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash.toUpperCase()).not.toContain('ABCD1234');
  });
});

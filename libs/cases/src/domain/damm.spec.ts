import { dammCheckDigit, isDammValid } from './damm';

/** The operation table as published by Damm (2004) and reproduced on Wikipedia, one row per interim digit. */
const PUBLISHED_TABLE = [
  '0317598642',
  '7092154863',
  '4206871359',
  '1750983426',
  '6123045978',
  '3674209581',
  '5869720134',
  '8945362017',
  '9438617205',
  '2581436790',
];

function referenceCheckDigit(digits: string): number {
  return [...digits].reduce((interim, digit) => Number(PUBLISHED_TABLE[interim][Number(digit)]), 0);
}

/** Small seeded PRNG (mulberry32) so the property tests are random-looking but reproducible. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDigitStrings(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(random() * 16);
    return Array.from({ length }, () => String(Math.floor(random() * 10))).join('');
  });
}

function singleDigitSubstitutions(text: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i < text.length; i++) {
    for (let digit = 0; digit <= 9; digit++) {
      if (String(digit) !== text[i]) variants.push(text.slice(0, i) + digit + text.slice(i + 1));
    }
  }
  return variants;
}

function adjacentTranspositions(text: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    if (text[i] !== text[i + 1]) variants.push(text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2));
  }
  return variants;
}

const SAMPLES = randomDigitStrings(300, 20_260_001).map((digits) => digits + referenceCheckDigit(digits));

describe('dammCheckDigit', () => {
  it.each([
    ['572', 4],
    ['', 0],
    ['0', 0],
    ['000', 0],
    ['5', 9],
    ['2026000001', 5],
    ['2025000042', 9],
    ['20261000000', 9],
    ['9999123456', 7],
  ])('of "%s" is %i', (digits, expected) => {
    expect(dammCheckDigit(digits)).toBe(expected);
  });

  it('matches the published table for every one- and two-digit input', () => {
    const inputs = Array.from({ length: 10 }, (_, a) => [
      String(a),
      ...Array.from({ length: 10 }, (_, b) => `${a}${b}`),
    ]).flat();
    expect(inputs.map(dammCheckDigit)).toEqual(inputs.map(referenceCheckDigit));
  });

  it('matches the published table for random longer inputs', () => {
    const inputs = randomDigitStrings(200, 7);
    expect(inputs.map(dammCheckDigit)).toEqual(inputs.map(referenceCheckDigit));
  });

  it.each(['a', '57a', ' 572', '572 ', '5.72', '-572', '+572', '5_72', '572\n', '\u0665\u0667\u0662', '５７２'])(
    'throws a RangeError for the non-digit input %j',
    (input) => {
      expect(() => dammCheckDigit(input)).toThrow(RangeError);
    },
  );
});

describe('isDammValid', () => {
  it.each([
    ['5724', true],
    ['0', true],
    ['00', true],
    ['59', true],
    ['20260000015', true],
    ['5720', false],
    ['5723', false],
    ['5', false],
    ['20260000016', false],
  ])('"%s" → %s', (text, expected) => {
    expect(isDammValid(text)).toBe(expected);
  });

  it.each(['', 'abc', '57a4', ' 5724', '5724 ', '57-24', '5724\n'])(
    'is false (and does not throw) for the non-digit or empty input %j',
    (text) => {
      expect(isDammValid(text)).toBe(false);
    },
  );

  it('accepts any digit string followed by its check digit', () => {
    const invalid = SAMPLES.filter((sample) => !isDammValid(sample));
    expect(invalid).toEqual([]);
  });

  it('detects every single-digit substitution of a valid string', () => {
    const variants = SAMPLES.flatMap(singleDigitSubstitutions);
    expect(variants.length).toBeGreaterThan(SAMPLES.length * 9);
    expect(variants.filter(isDammValid)).toEqual([]);
  });

  it('detects every transposition of differing adjacent digits of a valid string', () => {
    const variants = SAMPLES.flatMap(adjacentTranspositions);
    expect(variants.length).toBeGreaterThan(SAMPLES.length);
    expect(variants.filter(isDammValid)).toEqual([]);
  });

  it('detects every single-digit substitution and adjacent transposition of "5724"', () => {
    const variants = [...singleDigitSubstitutions('5724'), ...adjacentTranspositions('5724')];
    expect(variants).toHaveLength(4 * 9 + 3);
    expect(variants.filter(isDammValid)).toEqual([]);
  });
});

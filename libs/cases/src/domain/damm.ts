/**
 * The Damm algorithm (H. M. Damm, 2004): one check digit that catches every single-digit error and every
 * transposition of adjacent digits. This is the weakly totally anti-symmetric quasigroup of order 10 from his thesis.
 */
const QUASIGROUP: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

function interim(digits: string): number {
  if (!/^\d*$/.test(digits)) throw new RangeError(`Damm works on decimal digits only, got "${digits}"`);
  let state = 0;
  for (const digit of digits) state = QUASIGROUP[state][digit.charCodeAt(0) - 48];
  return state;
}

/** The check digit to append to `digits`. */
export function dammCheckDigit(digits: string): number {
  return interim(digits);
}

/** True when the last digit of `digitsWithCheck` is the Damm check digit of the others. */
export function isDammValid(digitsWithCheck: string): boolean {
  return /^\d+$/.test(digitsWithCheck) && interim(digitsWithCheck) === 0;
}

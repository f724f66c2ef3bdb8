import fc from 'fast-check';
import { normalizeTrackingCode, TRACKING_CODE_PATTERN } from '@app/cases';
import { TRACKING_CODE_INPUT } from './code-input';

describe('TRACKING_CODE_INPUT', () => {
  it('takes a code as generated, in either case, with Crockford substitutions and hyphens', () => {
    for (const code of ['7KQ2M9XD', '7kq2m9xd', '7KQ2-M9XD', '-7kq2-m9xd-', 'O0IL1i1o', '0000-0000', 'ZZZZZZZZ']) {
      expect(TRACKING_CODE_INPUT.test(code)).toBe(true);
    }
  });

  it('refuses anything else', () => {
    for (const code of [
      '',
      '7KQ2M9X',
      '7KQ2M9XDD',
      '7KQ2M9XU',
      'u7KQ2M9X',
      '7KQ2 M9XD',
      '7KQ2_M9XD',
      '7KQ2M9Xé',
      '--------',
    ]) {
      expect(TRACKING_CODE_INPUT.test(code)).toBe(false);
    }
  });

  it('accepts exactly the ASCII text that normalizes to a code of the generated form', () => {
    const character = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_ .');
    // Mostly code characters and hyphens, around 8 of them, so that both answers come up often.
    const nearCode = fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZoilOILuU---'), {
      minLength: 7,
      maxLength: 11,
    });
    fc.assert(
      fc.property(fc.oneof(fc.array(character, { maxLength: 14 }), nearCode), (characters) => {
        const text = characters.join('');
        expect(TRACKING_CODE_INPUT.test(text)).toBe(TRACKING_CODE_PATTERN.test(normalizeTrackingCode(text)));
      }),
      { numRuns: 5000 },
    );
  });
});

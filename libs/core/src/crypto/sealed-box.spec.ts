import { SealedBox } from './sealed-box';

const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuv';

describe('SealedBox', () => {
  const box = new SealedBox(SECRET, 'idempotency-response');

  it('gives back what it sealed, for the same context', () => {
    const sealed = box.seal('{"trackingCode":"7K3M9QXA"}', 'user-1\u0000key-1');
    expect(box.open(sealed, 'user-1\u0000key-1')).toBe('{"trackingCode":"7K3M9QXA"}');
  });

  it('never shows the plaintext in the sealed value, and seals the same text differently each time', () => {
    const first = box.seal('7K3M9QXA', 'c');
    const second = box.seal('7K3M9QXA', 'c');
    expect(first.toString('latin1')).not.toContain('7K3M9QXA');
    expect(first.equals(second)).toBe(false);
    expect(first[0]).toBe(1);
    expect(first.length).toBe(1 + 12 + 16 + 8);
  });

  it.each([
    ['another context', (sealed: Buffer) => box.open(sealed, 'user-2\u0000key-1')],
    ['another purpose', (sealed: Buffer) => new SealedBox(SECRET, 'other').open(sealed, 'user-1\u0000key-1')],
    [
      'another secret',
      (sealed: Buffer) => new SealedBox(`${SECRET}x`, 'idempotency-response').open(sealed, 'user-1\u0000key-1'),
    ],
    [
      'a flipped bit',
      (sealed: Buffer) => {
        const tampered = Buffer.from(sealed);
        tampered[tampered.length - 1] ^= 1;
        return box.open(tampered, 'user-1\u0000key-1');
      },
    ],
    ['a truncated value', (sealed: Buffer) => box.open(sealed.subarray(0, 20), 'user-1\u0000key-1')],
  ])('refuses to open it with %s', (_label, open) => {
    const sealed = box.seal('secret body', 'user-1\u0000key-1');
    expect(() => open(sealed)).toThrow();
  });
});

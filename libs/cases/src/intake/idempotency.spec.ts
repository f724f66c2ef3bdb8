import { DomainError } from '@app/core';
import { requestFingerprint, validateIdempotencyKey } from './idempotency';

describe('requestFingerprint', () => {
  const body = { a: 1, b: { c: [2, { d: null, e: 'x' }] } };

  it('is the SHA-256 (hex) of the operation, a NUL and the body as JSON with sorted keys', () => {
    expect(requestFingerprint('POST /cases', body)).toBe(
      '66d6c095e41780cc585cb9659cfd129f1ce85c5ae29b52d02e8b77d663a185e7',
    );
  });

  it.each([
    ['top-level keys reordered', { b: { c: [2, { e: 'x', d: null }] }, a: 1 }],
    ['nested keys reordered', { a: 1, b: { c: [2, { e: 'x', d: null }] } }],
    ['an undefined property added', { a: 1, b: { c: [2, { d: null, e: 'x', f: undefined }] }, g: undefined }],
  ])('is the same with %s', (_label, other) => {
    expect(requestFingerprint('POST /cases', other)).toBe(requestFingerprint('POST /cases', body));
  });

  it('is the same for a deeply nested body built in a different key order', () => {
    const first = { subject: 'Pothole', resident: { name: 'Jan', phone: '601' }, location: { lat: 54.3, lon: 18.6 } };
    const second = { location: { lon: 18.6, lat: 54.3 }, resident: { phone: '601', name: 'Jan' }, subject: 'Pothole' };
    expect(requestFingerprint('POST /cases', second)).toBe(requestFingerprint('POST /cases', first));
  });

  it.each([
    ['a different number', { ...body, a: 2 }],
    ['a number as a string', { ...body, a: '1' }],
    ['null instead of a value', { ...body, a: null }],
    ['a missing property', { b: body.b }],
    ['a nested value changed', { a: 1, b: { c: [2, { d: null, e: 'y' }] } }],
    ['array elements reordered', { a: 1, b: { c: [{ d: null, e: 'x' }, 2] } }],
    ['an extra property', { ...body, z: false }],
    ['a key renamed', { a: 1, B: body.b }],
  ])('differs for %s', (_label, other) => {
    expect(requestFingerprint('POST /cases', other)).not.toBe(requestFingerprint('POST /cases', body));
  });

  it('differs for a different operation', () => {
    expect(requestFingerprint('POST /cases/2026-000001-5/notes', body)).not.toBe(
      requestFingerprint('POST /cases', body),
    );
  });

  it('distinguishes bodies that are not objects', () => {
    const fingerprints = [undefined, null, 0, '', [], {}, 'null', [null]].map((value) =>
      requestFingerprint('op', value),
    );
    expect(new Set(fingerprints).size).toBe(7); // undefined and null both hash as `null`
    expect(requestFingerprint('op', undefined)).toBe(requestFingerprint('op', null));
  });
});

describe('validateIdempotencyKey', () => {
  it.each([
    ['a single character', 'a'],
    ['a UUID', '3f2b8c1e-9d4a-4b6e-8f1a-2c3d4e5f6a7b'],
    ['200 characters', 'k'.repeat(200)],
    ['every visible ASCII character', Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('')],
  ])('accepts %s and returns it unchanged', (_label, key) => {
    expect(validateIdempotencyKey(key)).toBe(key);
  });

  it.each([
    ['the empty string', ''],
    ['201 characters', 'k'.repeat(201)],
    ['a space', 'my key'],
    ['a leading space', ' key'],
    ['a trailing newline', 'key\n'],
    ['a tab', 'my\tkey'],
    ['DEL', 'key\x7f'],
    ['a non-ASCII letter', 'klucz-żółw'],
  ])('rejects %s with invalid_idempotency_key', (_label, key) => {
    expect(() => validateIdempotencyKey(key)).toThrow(DomainError);
    expect(() => validateIdempotencyKey(key)).toThrow(
      expect.objectContaining({
        code: 'invalid_idempotency_key',
        kind: 'invalid',
        details: { errors: [{ field: 'Idempotency-Key', message: 'must be 1..200 visible ASCII characters' }] },
      }),
    );
  });
});

import { API_KEY_PATTERN, generateApiKey, hashApiKey } from './api-key';

describe('API keys', () => {
  it('are o311_ and 256 random bits in base64url', () => {
    const key = generateApiKey(() => Buffer.alloc(32, 0xff));
    expect(key).toBe(`o311_${'_'.repeat(42)}8`);
    expect(API_KEY_PATTERN.test(key)).toBe(true);
    expect(API_KEY_PATTERN.test(generateApiKey())).toBe(true);
    expect(generateApiKey()).not.toBe(generateApiKey());
  });

  it('are kept as their SHA-256 only', () => {
    expect(hashApiKey('o311_example')).toBe('ISibY0o5-X_KCkrwRTjL1vZ_mrZtXdiKRPbASynOe54');
    expect(hashApiKey('o311_example')).not.toBe(hashApiKey('o311_Example'));
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Message } from '../define';
import { MESSAGE_AREAS } from '.';

const placeholdersOf = (message: Message) =>
  [...new Set((typeof message === 'string' ? [message] : Object.values(message)).join(' ').match(/\{\w+\}/g))].sort();

describe('the pages’ messages', () => {
  it('say the same things in Polish and English: the same keys, the same placeholders', () => {
    for (const [area, { pl, en }] of Object.entries(MESSAGE_AREAS)) {
      expect({ area, keys: Object.keys(en).sort() }).toEqual({ area, keys: Object.keys(pl).sort() });
      for (const [key, message] of Object.entries(pl)) {
        expect({ key, placeholders: placeholdersOf((en as Record<string, Message>)[key]) }).toEqual({
          key,
          placeholders: placeholdersOf(message),
        });
      }
    }
  });

  it('define each key in one area only (a second one would silently win)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, { pl }] of Object.entries(MESSAGE_AREAS)) {
      for (const key of Object.keys(pl)) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${area})`);
        seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
  });

  it('give every Polish plural its one, few and many forms', () => {
    for (const { pl } of Object.values(MESSAGE_AREAS)) {
      for (const [key, message] of Object.entries(pl)) {
        if (typeof message !== 'string')
          expect({ key, forms: Object.keys(message).sort() }).toEqual({ key, forms: ['few', 'many', 'one', 'other'] });
      }
    }
  });
});

import fc from 'fast-check';
import { decodeUtf8, incompleteTail } from './utf8';

async function decode(chunks: number[][]): Promise<{ text: string; invalidAt: number | null }> {
  let text = '';
  let invalidAt: number | null = null;
  const source = (async function* () {
    for (const chunk of chunks) yield Uint8Array.from(chunk);
  })();
  for await (const part of decodeUtf8(source, () => (invalidAt ??= text.length))) text += part;
  return { text, invalidAt };
}

const bytes = (text: string) => [...Buffer.from(text, 'utf8')];

describe('incompleteTail', () => {
  it.each<[string, number[], number]>([
    ['nothing', [], 0],
    ['ASCII', [0x61, 0x62], 0],
    ['a whole ł', [0xc5, 0x82], 0],
    ['the first byte of ł', [0x61, 0xc5], 1],
    ['two bytes of €', [0xe2, 0x82], 2],
    ['a whole €', [0xe2, 0x82, 0xac], 0],
    ['three bytes of 😀', [0xf0, 0x9f, 0x98], 3],
    ['a whole 😀', [0xf0, 0x9f, 0x98, 0x80], 0],
  ])('%s', (_, input, pending) => {
    expect(incompleteTail(Uint8Array.from(input))).toBe(pending);
  });
});

describe('decodeUtf8', () => {
  it('decodes characters split between chunks, and drops a byte order mark split too', async () => {
    const all = [0xef, 0xbb, 0xbf, ...bytes('Źródło € 😀,"a"')];
    expect(await decode(all.map((byte) => [byte]))).toEqual({ text: 'Źródło € 😀,"a"', invalidAt: null });
  });

  it('keeps a U+FEFF that is not at the start', async () => {
    expect(await decode([bytes('a'), [0xef, 0xbb, 0xbf]])).toEqual({ text: 'a\uFEFF', invalidAt: null });
  });

  it('is the same text however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.array(fc.nat(80), { maxLength: 8 }),
        async (text, cuts) => {
          const all = bytes(text);
          const points = [...new Set(cuts.map((cut) => cut % (all.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((from, index) => all.slice(from, [...points, all.length][index]));
          expect(await decode(chunks)).toEqual({ text, invalidAt: null });
        },
      ),
    );
  });

  it('tells of bytes that are not UTF-8 before giving out their chunk, then puts U+FFFD in their place', async () => {
    // ISO 8859-2 "ę" (0xEA) in the middle of the second chunk.
    expect(await decode([bytes('ok\n'), [0x44, 0x7a, 0x69, 0xea, 0x6b, 0x69], bytes('\nza')])).toEqual({
      text: 'ok\nDzi\uFFFDki\nza',
      invalidAt: 3,
    });
  });

  it('keeps a character split before the chunk that fails', async () => {
    // "ł" split across chunks, then a lone continuation byte.
    expect(
      await decode([
        [0x61, 0xc5],
        [0x82, 0x80, 0x62],
      ]),
    ).toEqual({ text: 'ał\uFFFDb', invalidAt: 1 });
  });

  it('tells of a stream that ends inside a character', async () => {
    expect(await decode([bytes('ab'), [0xe2, 0x82]])).toEqual({ text: 'ab\uFFFD', invalidAt: 2 });
  });

  it('drops a byte order mark even when the first chunk fails', async () => {
    expect(await decode([[0xef, 0xbb, 0xbf, 0x61, 0xff]])).toEqual({ text: 'a\uFFFD', invalidAt: 0 });
  });
});

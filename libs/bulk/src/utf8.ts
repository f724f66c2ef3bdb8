import { TextDecoder } from 'node:util';

/** Of the last bytes of `bytes`, how many begin a UTF-8 sequence that is not complete yet (0 to 3). */
export function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (byte < 0xc0) return 0; // ASCII: nothing pending
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return back < length ? back : 0;
  }
  return 0;
}

const NO_BYTES = new Uint8Array(0);

/**
 * Decodes a byte stream as UTF-8 as it comes (a fatal TextDecoder in stream mode, so a character split between two
 * chunks is whole), dropping a leading byte order mark. Bytes that are not UTF-8 are never taken silently: the first
 * time they are met `onInvalid` is told, before any text of that chunk is given out, and the rest of the stream is
 * decoded with U+FFFD in their place (the caller takes every U+FFFD from there on for them).
 */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>, onInvalid: () => void): AsyncGenerator<string> {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let lenient: TextDecoder | null = null;
  /** The last (up to 3) bytes decoded, for what the strict decoder held back when it failed. */
  let tail: Uint8Array = NO_BYTES;
  let started = false;
  for await (const chunk of chunks) {
    if (lenient) {
      yield lenient.decode(chunk, { stream: true });
      continue;
    }
    let text: string;
    try {
      text = strict.decode(chunk, { stream: true });
    } catch {
      onInvalid();
      // A byte order mark is dropped once: by the strict decoder if it gave out text before.
      lenient = new TextDecoder('utf-8', { ignoreBOM: started });
      const held = tail.subarray(tail.length - incompleteTail(tail));
      yield lenient.decode(concat(held, chunk), { stream: true });
      continue;
    }
    started ||= text.length > 0;
    tail = concat(tail, chunk).subarray(-3);
    yield text;
  }
  try {
    const rest = (lenient ?? strict).decode();
    if (rest) yield rest;
  } catch {
    // The stream ends inside a character.
    onInvalid();
    yield '\uFFFD';
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

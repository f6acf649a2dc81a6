import { TextDecoder } from 'node:util';

/**
 * Decoding bytes that arrive in chunks. A character may straddle two chunks
 * (a Chinese character is 3 bytes in UTF-8, 2 in GBK): decoding each chunk on
 * its own turns both halves into U+FFFD. These decoders keep an unfinished
 * character for the next chunk (`stream: true`), and refuse bytes that are not
 * text in their encoding (`fatal`) instead of storing U+FFFD.
 */

/** Bytes that are not valid text in the encoding being read (or a character cut off at the end). */
export class TextEncodingError extends Error {
  constructor(
    readonly encoding: string,
    options?: { cause?: unknown },
  ) {
    super(`the bytes are not valid ${encoding}`, options);
    this.name = 'TextEncodingError';
  }
}

/** A streaming decoder for one encoding that throws TextEncodingError on invalid bytes. */
export class ChunkDecoder {
  private readonly decoder: TextDecoder;

  /** A leading byte-order mark of the encoding is dropped (ignoreBOM false). */
  constructor(readonly encoding: string) {
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  /** The text of `chunk`, less an unfinished character at its end (kept for the next chunk). */
  write(chunk: Uint8Array): string {
    try {
      return this.decoder.decode(chunk, { stream: true });
    } catch (err) {
      throw new TextEncodingError(this.encoding, { cause: err });
    }
  }

  /** What is left at the end of the input: a character cut off there is an error. */
  end(): string {
    try {
      return this.decoder.decode();
    } catch (err) {
      throw new TextEncodingError(this.encoding, { cause: err });
    }
  }
}

/**
 * XML text (the parts of an .xlsx): UTF-16 when it starts with a UTF-16
 * byte-order mark, UTF-8 otherwise (XML 1.0 §4.3.3: other encodings must be
 * declared, which OOXML does not allow — ECMA-376 Part 2 §8.1.4).
 */
export class XmlChunkDecoder {
  private decoder: ChunkDecoder | null = null;
  private head: Uint8Array | null = null;

  write(chunk: Uint8Array): string {
    if (this.decoder) return this.decoder.write(chunk);
    const bytes = this.head ? Buffer.concat([this.head, chunk]) : chunk;
    if (bytes.length < 2) {
      this.head = Uint8Array.from(bytes);
      return '';
    }
    this.head = null;
    const bom = (bytes[0]! << 8) | bytes[1]!;
    this.decoder = new ChunkDecoder(bom === 0xfffe ? 'utf-16le' : bom === 0xfeff ? 'utf-16be' : 'utf-8');
    return this.decoder.write(bytes);
  }

  end(): string {
    if (!this.decoder) {
      const head = this.head;
      this.head = null;
      if (!head) return '';
      this.decoder = new ChunkDecoder('utf-8');
      return this.decoder.write(head) + this.decoder.end();
    }
    return this.decoder.end();
  }
}

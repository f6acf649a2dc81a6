/** Encodes text as GBK (what Excel saves as "CSV" on Chinese Windows), from the GBK decoder's table. */
export function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

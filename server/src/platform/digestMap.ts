/**
 * A map from 128-bit digests (the first 32 hex characters of a hash) to a
 * positive 32-bit integer, in typed arrays: 20 bytes per slot, open
 * addressing, at most 70 % full. Built for de-duplicating millions of keyed
 * hashes without millions of strings (~56 MB for 2 million entries instead of
 * ~250 MB as a Map of hex strings).
 */
export class DigestMap {
  private keys: Uint32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1 << 14) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.keys = new Uint32Array(cap * 4);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  /** The value stored for `hex`, or inserts `value` (> 0) and returns undefined. */
  getOrSet(hex: string, value: number): number | undefined {
    if (!(value > 0 && value <= 0x7fffffff)) throw new RangeError('DigestMap values are positive int32');
    const a = parseInt(hex.slice(0, 8), 16) >>> 0;
    const b = parseInt(hex.slice(8, 16), 16) >>> 0;
    const c = parseInt(hex.slice(16, 24), 16) >>> 0;
    const d = parseInt(hex.slice(24, 32), 16) >>> 0;
    let i = (a ^ Math.imul(c, 0x9e3779b1)) & this.mask;
    for (;;) {
      const v = this.values[i]!;
      if (v === 0) break;
      const k = i * 4;
      if (this.keys[k] === a && this.keys[k + 1] === b && this.keys[k + 2] === c && this.keys[k + 3] === d)
        return v;
      i = (i + 1) & this.mask;
    }
    const k = i * 4;
    this.keys[k] = a;
    this.keys[k + 1] = b;
    this.keys[k + 2] = c;
    this.keys[k + 3] = d;
    this.values[i] = value;
    if (++this.size > this.values.length * 0.7) this.grow();
    return undefined;
  }

  private grow(): void {
    const { keys, values } = this;
    const cap = values.length * 2;
    this.keys = new Uint32Array(cap * 4);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < values.length; j++) {
      if (values[j] === 0) continue;
      let i = (keys[j * 4]! ^ Math.imul(keys[j * 4 + 2]!, 0x9e3779b1)) & this.mask;
      while (this.values[i] !== 0) i = (i + 1) & this.mask;
      this.keys.set(keys.subarray(j * 4, j * 4 + 4), i * 4);
      this.values[i] = values[j]!;
    }
  }
}

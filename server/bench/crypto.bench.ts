/**
 * Micro-benchmark for field encryption and blind indexes (PRODUCT.md §6:
 * 1,000,000 elders imported in ≤ 30 s with several encrypted fields per row).
 * Run: npx tsx server/bench/crypto.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { FieldCipher } from '../src/platform/crypto.ts';

const [k1, k2, hashKey] = [FieldCipher.generateKey(), FieldCipher.generateKey(), FieldCipher.generateKey()];
const cipher = FieldCipher.fromConfig(`v1:${k1},v2:${k2}`, hashKey);
const samples = {
  idNumber: '500110194912310021',
  phone: '13812345678',
  address: '幸福社区金桂小区16栋4单元1804号',
};

/**
 * 7 rounds of ~300 ms. Reports the median ops per CPU-second of this process
 * (robust when other processes share the machine) and the best wall-clock round.
 */
function measure(name: string, op: () => unknown): number {
  for (let i = 0; i < 20_000; i++) op(); // warm-up
  const cpuRates: number[] = [];
  const wallRates: number[] = [];
  for (let r = 0; r < 7; r++) {
    let n = 0;
    let elapsed = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    while (elapsed < 300) {
      for (let i = 0; i < 5_000; i++) op();
      n += 5_000;
      elapsed = performance.now() - start;
    }
    const used = process.cpuUsage(cpu);
    cpuRates.push(n / ((used.user + used.system) / 1e6));
    wallRates.push((n / elapsed) * 1000);
  }
  const median = cpuRates.sort((x, y) => x - y)[3]!;
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US').padStart(9);
  const us = (1e6 / median).toFixed(2);
  console.log(
    `${name.padEnd(30)} ${fmt(median)} ops/CPU-s (${us} µs)   best wall ${fmt(Math.max(...wallRates))} ops/s`,
  );
  return median;
}

const cpu = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`;
console.log(`node ${process.version}, ${cpu}, load average ${loadavg()[0]?.toFixed(1)}\n`);
const encrypt: Record<string, number> = {};
for (const [field, text] of Object.entries(samples)) {
  encrypt[field] = measure(`encrypt ${field} (${Array.from(text).length} chars)`, () => cipher.encrypt(text));
  const token = cipher.encrypt(text);
  measure(`decrypt ${field}`, () => cipher.decrypt(token));
}
measure('encrypt idNumber with context', () => cipher.encrypt(samples.idNumber, 'elder.id_number'));
const blind = measure('blindIndex idNumber', () => cipher.blindIndex(samples.idNumber, 'elder.id_number'));
const stale = FieldCipher.fromConfig(`v1:${k1}`, hashKey).encrypt(samples.idNumber);
measure('rotate v1 → v2', () => cipher.rotate(stale));

// One imported elder: ID number, phone and address encrypted; ID number and phone blind-indexed.
const perRowUs = 1e6 / encrypt.idNumber! + 1e6 / encrypt.phone! + 1e6 / encrypt.address! + 2e6 / blind;
console.log(`\nper imported row (3 × encrypt + 2 × blindIndex): ${perRowUs.toFixed(1)} µs of CPU`);
const share = ((perRowUs / 30) * 100).toFixed(0);
console.log(
  `1,000,000 rows: ${perRowUs.toFixed(1)} CPU-seconds on one core (${share} % of the 30 s import budget)`,
);

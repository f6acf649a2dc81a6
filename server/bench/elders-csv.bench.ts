/**
 * Generates synthetic elders to a CSV file and reports time and size.
 * Run: npx tsx server/bench/elders-csv.bench.ts [count=1000000] [path=/tmp/yiyang-elders.csv]
 */
import { createWriteStream, statSync } from 'node:fs';
import { writeEldersCsv } from '../src/modules/elder/elder.generator.ts';

const count = Number(process.argv[2] ?? 1_000_000);
const path = process.argv[3] ?? '/tmp/yiyang-elders.csv';
// 綦江区 (500110): 3 communities in 古南街道 and 3 villages in a town; real codes come from the division import.
const regionCodes = [
  '500110001001',
  '500110001002',
  '500110001003',
  '500110102201',
  '500110102202',
  '500110102203',
];

const start = performance.now();
const { rows, bytes } = await writeEldersCsv(createWriteStream(path), {
  count,
  seed: 20250601,
  regionCodes,
  today: new Date('2025-06-01T00:00:00+08:00'),
});
const seconds = (performance.now() - start) / 1000;
console.log(`${rows.toLocaleString('en-US')} rows → ${path}`);
console.log(`${seconds.toFixed(2)} s, ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s`);
console.log(`${(statSync(path).size / 1024 / 1024).toFixed(1)} MiB on disk (${bytes} bytes written)`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

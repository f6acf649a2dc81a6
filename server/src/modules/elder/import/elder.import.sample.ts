import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  csvField,
  generateElders,
  type GenerateEldersOptions,
  type SyntheticElder,
} from '../elder.generator.ts';
import { BOOL_LABELS_ZH, IMPORT_COLUMNS, SEX_LABELS_ZH } from './elder.import.columns.ts';
import { ELDER_TAG_LABELS, LIVING_SITUATION_LABELS } from '../elder.vocab.ts';
import { ID_TYPE_LABELS } from '../idNumber.ts';

/**
 * Synthetic elders as a filled-in 摸底表 saved as CSV (what Excel writes from
 * the template): the Chinese header row, the key row, then one row per elder
 * with Chinese labels for the enumerations and 、 between several values.
 * For the import benchmark and tests (elder.generator.ts makes the people).
 */
export function templateCsvHeader(): string {
  const zh = IMPORT_COLUMNS.map((c) => (c.required ? `${c.zh}*` : c.zh)).join(',');
  return `${zh}\n${IMPORT_COLUMNS.map((c) => c.key).join(',')}\n`;
}

export function templateCsvRow(e: SyntheticElder): string {
  const values: Record<string, string> = {
    name: e.name,
    idType: ID_TYPE_LABELS[e.idType]['zh-CN'],
    idNumber: e.idNumber,
    birthDate: e.birthDate,
    sex: SEX_LABELS_ZH[e.sex]!,
    phone: e.phone ?? '',
    regionCode: e.regionCode,
    address: e.address,
    householdLocal: BOOL_LABELS_ZH[String(e.householdLocal)]!,
    residenceSince: e.residenceSince ?? '',
    livingSituation: LIVING_SITUATION_LABELS[e.livingSituation]['zh-CN'],
    ethnicity: e.ethnicity,
    tags: e.tags.map((t) => ELDER_TAG_LABELS[t]['zh-CN']).join('、'),
    chronicDiseases: e.chronicDiseases.join('、'),
  };
  return `${IMPORT_COLUMNS.map((c) => csvField(values[c.key] ?? '')).join(',')}\n`;
}

/** Streams the header and `count` rows (honouring backpressure) and ends the stream. */
export async function writeTemplateCsv(
  stream: Writable,
  options: GenerateEldersOptions,
): Promise<{ rows: number }> {
  let rows = 0;
  async function* chunks(): AsyncGenerator<string> {
    let chunk = templateCsvHeader();
    for (const elder of generateElders(options)) {
      chunk += templateCsvRow(elder);
      rows++;
      if (chunk.length >= 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), stream);
  return { rows };
}

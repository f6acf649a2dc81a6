import assert from 'node:assert/strict';
import { cnIdCheckChar } from '../src/modules/elder/idNumber.ts';
import type { Client } from './harness.ts';

/**
 * Test-data builders: one way to make what many tests need (issue "…a test suite that is fast").
 * Test elders use address code 650102 (乌鲁木齐天山区), which keeps them apart from the seeded
 * 綦江 elders.
 */

/** A valid resident ID number (GB 11643) from its first 17 digits. */
export const validIdNumber = (first17: string): string => first17 + cnIdCheckChar(first17);

let serial = 0;
/** A valid resident ID of someone born on `birth` (yyyymmdd) that no other call of this process returns. */
export function uniqueIdNumber(birth = '19450101'): string {
  serial++;
  return validIdNumber(`650102${birth}${String(serial % 1000).padStart(3, '0')}`);
}

/**
 * Registers an elder through the API as `client` (a 201 is asserted) in `regionCode`; `fields`
 * override the defaults (a unique resident ID, a local household).
 */
export async function newElder(
  client: Client,
  regionCode: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await client.post('/api/v1/elders', {
    name: '测试老人',
    idType: 'resident_id',
    idNumber: uniqueIdNumber(),
    regionCode,
    householdLocal: true,
    ...fields,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; version: number };
}

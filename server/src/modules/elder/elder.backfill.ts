import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { rowMasks, storedLocation } from './elder.codec.ts';
import { elderRepo } from './elder.repo.ts';

/**
 * Fills the masked columns of rows written before migration 0004 (only JS can decrypt them). Runs at
 * start-up and after `yiyang db migrate`; a no-op (one index probe) once done. Returns the rows filled.
 */
export async function backfillElderMasks(
  deps: { db: Db; cipher: FieldCipher },
  batch = 500,
): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await elderRepo(deps.db).unmasked(batch);
    if (rows.length === 0) return done;
    await deps.db.transaction(async (tx) => {
      const repo = elderRepo(tx);
      for (const e of rows)
        await repo.setMasks(e.id, {
          ...rowMasks(deps.cipher, e),
          // Exact position into location_enc, the columns rounded (rows written before migration 0005).
          ...(e.locationEnc === null && e.lat !== null ? storedLocation(deps.cipher, e) : {}),
        });
    });
    done += rows.length;
  }
}

import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher, type SharedFieldKeys } from '../../../platform/crypto.ts';
import { serveBatches } from '../../../platform/workers.ts';
import { batchProcessor, batchTransfer, type BatchSetup, type RawRow } from './elder.import.rows.ts';

/** Worker thread of a 摸底表 import: validates and encrypts batches of rows (elder.import.rows.ts). */
const { keys, setup } = workerData as { keys: SharedFieldKeys; setup: BatchSetup };
serveBatches<RawRow[], ReturnType<ReturnType<typeof batchProcessor>>>(
  parentPort!,
  batchProcessor(FieldCipher.fromShared(keys), setup),
  batchTransfer,
);

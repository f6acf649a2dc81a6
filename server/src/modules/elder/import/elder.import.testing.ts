import type { TestEnv } from '../../../../test/harness.ts';
import { ElderImportService } from './elder.import.service.ts';

/** Test builder: the import service on a test environment's platform, with some options changed. */
export function importServiceOf(
  env: TestEnv,
  opts: Partial<ConstructorParameters<typeof ElderImportService>[0]> = {},
): ElderImportService {
  return new ElderImportService({
    db: env.platform.db,
    bus: env.platform.bus,
    cipher: env.platform.cipher,
    elders: env.services.elders,
    ...opts,
  });
}

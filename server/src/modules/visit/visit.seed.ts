import type { Platform } from '../../platform/context.ts';
import type { DemoDistrict } from '../../platform/module.ts';

/** Demo visits (filled below). */
export async function seedVisits(_p: Platform, _demo: DemoDistrict): Promise<void> {}

import { text } from './text.ts';

/**
 * Request fields shared by every module (architecture review §3.1: they lived in the user module,
 * which has nothing to do with them).
 */

/** A 12-digit administrative division code (GB/T 2260 + township and village digits). */
export const regionCodeSchema = text().regex(/^\d{12}$/, { message: 'region.invalid_code' });
// Mainland mobile numbers: 11 digits starting 1[3-9].
export const phoneSchema = text().regex(/^1[3-9]\d{9}$/, { message: 'user.invalid_phone' });

/**
 * Calendar dates in China Standard Time (UTC+8, no daylight saving), as the server dates events: what day it
 * is in China whatever the browser's time zone. No imports, so node tests of pure helpers can use it.
 */
const CST_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The China date (`YYYY-MM-DD`) of an instant in epoch ms. */
export const chinaDay = (ms: number): string => new Date(ms + CST_MS).toISOString().slice(0, 10);

/** The China date `days` from now (negative: earlier). */
export const chinaDayFromNow = (days = 0): string => chinaDay(Date.now() + days * DAY_MS);

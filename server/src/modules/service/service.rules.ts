import { isRegionCode, regionLevel, regionPrefix, toRegionCode } from '@yiyang/contracts';
import { chinaDate } from '../../platform/dates.ts';

/** The county (区县) whose catalogue serves a region code (the catalogue is published per district). */
export const districtOf = (regionCode: string): string => toRegionCode(regionCode.slice(0, 6));

/** A served region as stored: its code and the prefix of its subtree. */
export const regionPrefixRow = (code: string) => ({ code, prefix: regionPrefix(code) });

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 购买服务合同编号: HT-<year>-<sequence>. */
export const contractNumber = (year: number, seq: number) => `HT-${year}-${pad(seq, 4)}`;

/** 服务协议编号: FW<yyyymmdd>-<sequence> (China date). */
export function agreementNumber(at: Date, seq: number): string {
  const d = chinaDate(at);
  return `FW${d.year}${pad(d.month, 2)}${pad(d.day, 2)}-${pad(seq, 4)}`;
}

/** Is `code` a county-level region code (a catalogue's district)? */
export const isDistrictCode = (code: string): boolean => isRegionCode(code) && regionLevel(code) === 'county';

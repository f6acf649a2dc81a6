import type { CertificateRow } from './staff.repo.ts';

/** Is a certificate valid on a calendar date (YYYY-MM-DD)? Issued on or before, not expired before. */
export function certificateValidOn(c: Pick<CertificateRow, 'issuedOn' | 'expiresOn'>, date: string): boolean {
  return c.issuedOn <= date && (c.expiresOn === null || c.expiresOn >= date);
}

/** The best certificate of a kind for a date: a valid one with the latest expiry, else the latest one. */
export function bestCertificate<T extends Pick<CertificateRow, 'issuedOn' | 'expiresOn'>>(
  certs: T[],
  date: string,
): T | null {
  const key = (c: T) => c.expiresOn ?? '9999-12-31';
  const sorted = [...certs].sort((a, b) => key(b).localeCompare(key(a)));
  return sorted.find((c) => certificateValidOn(c, date)) ?? sorted[0] ?? null;
}

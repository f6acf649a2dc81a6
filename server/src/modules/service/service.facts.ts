import type { Executor } from '../../platform/db.ts';
import { elderFactsOn, type ElderRow } from '../elder/index.ts';
import type { PricingFacts } from './service.pricing.ts';

/** What `priceFor` needs of an elder on a date (registry tags and the assessment's, birth date, status). */
export async function pricingFactsOf(
  db: Executor,
  elderId: string,
  onDate: string,
  /** The elder's row when the caller has read it already. */
  known?: Pick<ElderRow, 'id' | 'birthDate' | 'status' | 'regionCode'>,
): Promise<PricingFacts> {
  const facts = await elderFactsOn(db, elderId, onDate, known);
  if (!facts) return { tags: [], birthDate: null, status: 'active' };
  return { tags: facts.tags, birthDate: facts.birthDate, status: facts.status };
}

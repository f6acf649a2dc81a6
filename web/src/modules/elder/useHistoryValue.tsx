import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ElderFamilyRelationship, ElderIdType } from '@yiyang/contracts';
import { formatDate } from '../../app/format.ts';
import { fetchRegion } from '../region/regionApi.ts';
import { historyValueText } from './elderHelpers.ts';
import { useElderLabels } from './useElderLabels.ts';

const DATE_FIELDS = new Set(['birthDate', 'residenceSince', 'statusDate', 'validFrom']);
const FAMILY_ACTIONS = ['added', 'changed', 'removed'] as const;

/** A region's name from GET /regions/{code} (the console's cached lookup), never the bare code. */
function RegionName({ code }: { code: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['region', code],
    queryFn: () => fetchRegion(code),
    staleTime: 10 * 60_000,
  });
  return <>{q.data?.name ?? (q.isError ? code : t('elder.history.loadingName'))}</>;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/**
 * A value of a 变更记录 entry in words (issue 13): vocabularies by their labels, yes/no, dates in the UI
 * locale, the health summary and family changes spelled out, regions by name.
 */
export function useHistoryValue(): (field: string, v: unknown) => ReactNode {
  const { t, i18n } = useTranslation();
  const labels = useElderLabels();
  const zh = i18n.language !== 'en-US';
  const list = (xs: string[]) => xs.join(zh ? '、' : ', ');
  const paren = (xs: string[]) => (xs.length ? (zh ? `（${xs.join('，')}）` : ` (${xs.join(', ')})`) : '');
  const pair = (label: string, value: string) => (zh ? `${label}：${value}` : `${label}: ${value}`);
  const yesNo = (b: unknown) => t(b ? 'elder.history.yes' : 'elder.history.no');

  const tag = (x: unknown): string => {
    if (typeof x === 'string') return labels.tag(x);
    if (!x || typeof x !== 'object' || !('code' in x)) return historyValueText(x);
    const o = x as { code: string; validFrom?: string | null; validTo?: string | null; source?: string };
    const extra: string[] = [];
    if (o.source === 'assessment') extra.push(t('elder.history.fromAssessment'));
    if (o.validFrom) extra.push(t('elder.history.since', { date: formatDate(o.validFrom) }));
    if (o.validTo) extra.push(t('elder.history.until', { date: formatDate(o.validTo) }));
    return labels.tag(o.code) + paren(extra);
  };

  const family = (x: Record<string, unknown>): string => {
    const action = FAMILY_ACTIONS.find((a) => a === x.action);
    const rel = typeof x.relationship === 'string' ? x.relationship : null;
    const who = [
      rel ? t(`elder.family.relationships.${rel as ElderFamilyRelationship}`, { defaultValue: rel }) : '',
      typeof x.name === 'string' ? x.name : '',
    ].filter(Boolean);
    const flags = (['mayActFor', 'isGuardian', 'consent'] as const)
      .filter((k) => k in x)
      .map((k) => pair(t(`elder.family.${k}`), yesNo(x[k])));
    return [action ? t(`elder.history.familyActions.${action}`) : '', who.join(' '), paren(flags)]
      .join(' ')
      .trim();
  };

  const health = (x: Record<string, unknown>): string =>
    list([
      t('elder.history.chronicCount', { count: Number(x.chronicDiseaseCount ?? 0) }),
      pair(t('elder.health.hasAllergies'), yesNo(x.hasAllergies)),
      pair(t('elder.health.familyDoctorSigned'), yesNo(x.familyDoctorSigned)),
    ]);

  const text = (field: string, v: unknown): string => {
    if (typeof v === 'boolean') return yesNo(v);
    if (typeof v === 'string') {
      if (DATE_FIELDS.has(field)) return formatDate(v);
      if (field === 'sex') return labels.sex(v as 'male' | 'female') || v;
      if (field === 'status') return labels.status(v as never) || v;
      if (field === 'livingSituation') return labels.living(v) || v;
      if (field === 'idType' && i18n.exists(`elder.idTypes.${v}`))
        return t(`elder.idTypes.${v as ElderIdType}`);
      if (field === 'ethnicity') return labels.ethnicity(v);
      if (field === 'education') return labels.code('educationLevels', v);
      if (field === 'maritalStatus') return labels.code('maritalStatuses', v);
      if (field === 'economicSources') return labels.code('economicSourceCodes', v);
      if (field === 'location') return `≈ ${v.replace(',', ', ')}`;
      return v;
    }
    if (Array.isArray(v)) return list(v.map((x) => (field === 'tags' ? tag(x) : text(field, x))));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (field === 'health') return health(o);
      if (field === 'family') return family(o);
      return list(Object.entries(o).map(([k, x]) => pair(labels.field(k), text(k, x))));
    }
    return historyValueText(v);
  };

  return (field, v) => {
    if (isEmpty(v)) return '—';
    if (field === 'regionCode' && typeof v === 'string') return <RegionName code={v} />;
    return text(field, v);
  };
}

import { useTranslation } from 'react-i18next';
import {
  ethnicityEn,
  type ElderAbility,
  type ElderLivingSituation,
  type ElderStatus,
  type ElderTagCode,
} from '@yiyang/contracts';
import type { Messages } from '../../i18n/zh-CN.ts';
import type { Sex } from '@yiyang/contracts';

type DerivedKey = keyof Messages['elder']['derivedTagCodes'];
type HistoryField = keyof Messages['elder']['history']['fields'];
// Profile fields whose label doubles as the history field name.
const FIELD_LABELS = [
  'name',
  'sex',
  'birthDate',
  'idType',
  'idNumber',
  'phone',
  'region',
  'address',
  'livingSituation',
  'status',
  'tags',
  'ethnicity',
  'education',
  'maritalStatus',
  'economicSources',
  'householdLocal',
  'residenceSince',
  'lat',
  'lng',
] as const satisfies readonly (keyof Messages['elder'])[];
type FieldKey = (typeof FIELD_LABELS)[number];

/** Display labels of the registry's codes; an unknown code from the server is shown as is. */
export function useElderLabels() {
  const { t, i18n } = useTranslation();
  return {
    tag: (c: ElderTagCode | string) =>
      i18n.exists(`elder.tagCodes.${c}`)
        ? t(`elder.tagCodes.${c as ElderTagCode}`)
        : i18n.exists(`elder.derivedTagCodes.${c}`)
          ? t(`elder.derivedTagCodes.${c as DerivedKey}`)
          : c,
    derived: (c: string) =>
      i18n.exists(`elder.derivedTagCodes.${c}`) ? t(`elder.derivedTagCodes.${c as DerivedKey}`) : c,
    /** education, marital status and income codes; unknown ones as is. */
    code: (
      table: 'educationLevels' | 'maritalStatuses' | 'economicSourceCodes',
      c: string | null | undefined,
    ) => (!c ? '' : i18n.exists(`elder.${table}.${c}`) ? String(t(`elder.${table}.${c}` as never)) : c),
    status: (s: ElderStatus) => t(`elder.statuses.${s}`),
    /** The wire carries the code as a string; stored codes are ElderLivingSituation. */
    living: (l: string | null | undefined) =>
      l ? t(`elder.livingSituations.${l as ElderLivingSituation}`) : '',
    sex: (s: Sex | null | undefined) => (s ? t(`elder.sexValues.${s}`) : ''),
    /** 能力等级 in the UI language (未评估 without a published result); `dated` adds the day it was published. */
    ability: (a: ElderAbility | null, dated = false) =>
      !a
        ? t('elder.abilityNone')
        : `${i18n.language.startsWith('en') ? a.en : a.zh}${dated ? ` (${a.assessedOn})` : ''}`,
    /** 民族 is stored in Chinese (GB/T 3304 names): English mode shows the group's English name. */
    ethnicity: (e: string | null | undefined) =>
      !e ? '' : i18n.language.startsWith('en') ? ethnicityEn(e) : e,
    /** A history field name: a known profile label, a history-only label, else the raw name. */
    field: (f: string) => {
      const k = f === 'regionCode' ? 'region' : f;
      if ((FIELD_LABELS as readonly string[]).includes(k)) return t(`elder.${k as FieldKey}`);
      if (i18n.exists(`elder.history.fields.${k}`)) return t(`elder.history.fields.${k as HistoryField}`);
      return f;
    },
  };
}

import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, auditLabel } from '@yiyang/contracts';
import { DateField } from '../../app/DateField.tsx';
import { currentLocale } from '../../i18n/index.ts';
import { RegionTreeSelect } from '../region/RegionTreeSelect.tsx';
import { UserSelect } from '../user/UserSelect.tsx';

export interface AuditFilterState {
  action: string | null;
  entityType: string | null;
  actorUserId: string | null;
  regionCode: string | null;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTERS: AuditFilterState = {
  action: null,
  entityType: null,
  actorUserId: null,
  regionCode: null,
  from: '',
  to: '',
};

/** Options of a label table, sorted by their label in the UI language. */
function labelled(table: 'action' | 'entity', codes: string[]) {
  const locale = currentLocale();
  return codes
    .map((c) => ({ value: c, label: auditLabel(table, c, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** The audit log's filters, by label: operation, object type, person, region and dates (issue 13). */
export function AuditFilters({
  value,
  onChange,
  canPickUser,
}: {
  value: AuditFilterState;
  onChange: (v: AuditFilterState) => void;
  canPickUser: boolean;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<AuditFilterState>) => onChange({ ...value, ...patch });
  const search = {
    filterOption: (input: string, o?: { label: string }) =>
      !!o?.label.toLocaleLowerCase().includes(input.toLocaleLowerCase()),
  };
  return (
    <>
      <Select<string, { value: string; label: string }>
        allowClear
        showSearch={search}
        aria-label={t('audit.actionFilter')}
        placeholder={t('audit.actionFilter')}
        options={labelled('action', Object.keys(AUDIT_ACTION_LABELS))}
        value={value.action ?? undefined}
        onChange={(v) => set({ action: v ?? null })}
        style={{ width: 220 }}
        data-testid="audit-action-filter"
      />
      <Select<string, { value: string; label: string }>
        allowClear
        showSearch={search}
        aria-label={t('audit.entityTypeFilter')}
        placeholder={t('audit.entityTypeFilter')}
        options={labelled('entity', Object.keys(AUDIT_ENTITY_LABELS))}
        value={value.entityType ?? undefined}
        onChange={(v) => set({ entityType: v ?? null })}
        style={{ width: 180 }}
        data-testid="audit-entity-filter"
      />
      {canPickUser && (
        <UserSelect
          ariaLabel={t('audit.actorFilter')}
          placeholder={t('audit.actorFilter')}
          value={value.actorUserId}
          onChange={(actorUserId) => set({ actorUserId })}
          testId="audit-actor-filter"
        />
      )}
      <RegionTreeSelect
        allowClear
        ariaLabel={t('audit.regionFilter')}
        placeholder={t('audit.regionFilter')}
        value={value.regionCode}
        onChange={(regionCode) => set({ regionCode })}
        testId="audit-region-filter"
      />
      <DateField
        ariaLabel={t('audit.dateFrom')}
        value={value.from || undefined}
        onChange={(from) => set({ from: from ?? '' })}
        testId="audit-from"
      />
      <DateField
        ariaLabel={t('audit.dateTo')}
        value={value.to || undefined}
        onChange={(to) => set({ to: to ?? '' })}
        testId="audit-to"
      />
    </>
  );
}

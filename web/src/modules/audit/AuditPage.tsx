import { useState } from 'react';
import { Alert, Button, Descriptions, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { formatDateTime } from '../../app/format.ts';
import { auditLabel, type AuditEvent, type AuditVerifyResult } from '@yiyang/contracts';
import { currentLocale } from '../../i18n/index.ts';
import { AuditFilters, NO_AUDIT_FILTERS, type AuditFilterState } from './AuditFilters.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { tableScroll } from '../../app/table.ts';

export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [filters, setFilters] = useState<AuditFilterState>(NO_AUDIT_FILTERS);
  const locale = currentLocale();

  const list = usePaged<AuditEvent>('audit-events', '/audit-events', {
    action: filters.action ?? undefined,
    entityType: filters.entityType ?? undefined,
    actorUserId: filters.actorUserId ?? undefined,
    regionCode: filters.regionCode ?? undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  });
  const actor = (e: AuditEvent) =>
    e.actorDisplayName ??
    (e.actorUserId === null && e.actorName === 'system' ? t('audit.system') : e.actorName);

  const verify = useMutation({
    mutationFn: () => api.post<AuditVerifyResult>('/audit-events/verify'),
  });

  return (
    <section aria-labelledby="audit-title">
      <Typography.Title level={1} className="yy-page-title" id="audit-title">
        {t('audit.title')}
      </Typography.Title>
      <div className="yy-toolbar" role="search">
        <AuditFilters value={filters} onChange={setFilters} canPickUser={can('user:read')} />
        <span className="yy-grow" />
        {can('audit:verify') && (
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {verify.data && (
          <Alert
            data-testid="audit-verify-result"
            showIcon
            type={verify.data.ok ? 'success' : 'error'}
            title={
              verify.data.ok
                ? t('audit.verifyOk', { checked: verify.data.checked })
                : t('audit.verifyBroken', {
                    checked: verify.data.checked,
                    brokenAt: verify.data.brokenAt ?? '?',
                  })
            }
            style={{ marginBottom: 16 }}
          />
        )}
        {verify.error && (
          <Alert
            showIcon
            type="error"
            role="alert"
            title={isApiError(verify.error) ? verify.error.detail : t('common.loadFailed')}
            style={{ marginBottom: 16 }}
          />
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<AuditEvent>
        rowKey="id"
        data-testid="audit-table"
        loading={list.isPending && !list.error}
        dataSource={list.rows}
        pagination={false}
        scroll={tableScroll(1100, list.items)}
        expandable={{
          expandedRowRender: (e) => (
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('audit.recorded')}>{e.summary}</Descriptions.Item>
              {e.entityId && <Descriptions.Item label={t('audit.entityId')}>{e.entityId}</Descriptions.Item>}
              {e.ip && <Descriptions.Item label={t('audit.ip')}>{e.ip}</Descriptions.Item>}
            </Descriptions>
          ),
        }}
        columns={[
          {
            key: 'at',
            title: t('audit.at'),
            dataIndex: 'at',
            width: 150,
            render: (v: string) => formatDateTime(v),
          },
          { key: 'actor', title: t('audit.actor'), width: 150, render: (_: unknown, e) => actor(e) },
          {
            key: 'action',
            title: t('audit.action'),
            dataIndex: 'action',
            width: 180,
            render: (v: string) => auditLabel('action', v, locale),
          },
          {
            key: 'entity',
            title: t('audit.entity'),
            width: 200,
            render: (_: unknown, e) => (
              <span>
                {auditLabel('entity', e.entityType, locale)}
                {(e.entityName ?? e.entityId) && ' · '}
                {e.entityName ??
                  (e.entityId ? <span title={e.entityId}>{e.entityId.slice(0, 8)}</span> : null)}
              </span>
            ),
          },
          {
            key: 'region',
            title: t('audit.region'),
            width: 150,
            render: (_: unknown, e) => e.regionName ?? t('audit.noReason'),
          },
          {
            key: 'reason',
            title: t('audit.reason'),
            dataIndex: 'reason',
            render: (v: string | null) => v ?? t('audit.noReason'),
          },
        ]}
      />
      <LoadMore list={list} testId="audit-load-more" />
    </section>
  );
}

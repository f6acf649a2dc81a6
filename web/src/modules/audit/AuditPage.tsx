import { useState } from 'react';
import { Alert, Button, Input, Table, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { formatDateTime } from '../../app/format.ts';
import type { AuditEvent, AuditVerifyResult } from '@yiyang/contracts';
import { LoadError } from '../layout/PageErrors.tsx';
import { tableScroll } from '../../app/table.ts';

export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState('');

  const list = usePaged<AuditEvent>('audit-events', '/audit-events', {
    action: action || undefined,
    entityType: entityType || undefined,
  });

  const verify = useMutation({
    mutationFn: () => api.post<AuditVerifyResult>('/audit-events/verify'),
  });

  return (
    <section aria-labelledby="audit-title">
      <Typography.Title level={1} className="yy-page-title" id="audit-title">
        {t('audit.title')}
      </Typography.Title>
      <div className="yy-toolbar" role="search">
        <Input.Search
          allowClear
          aria-label={t('audit.actionFilter')}
          placeholder={t('audit.actionFilter')}
          onSearch={(v) => setAction(v.trim())}
          style={{ width: 240 }}
          data-testid="audit-action-filter"
        />
        <Input.Search
          allowClear
          aria-label={t('audit.entityTypeFilter')}
          placeholder={t('audit.entityTypeFilter')}
          onSearch={(v) => setEntityType(v.trim())}
          style={{ width: 240 }}
          data-testid="audit-entity-filter"
        />
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
        scroll={tableScroll(1200, list.items)}
        columns={[
          {
            key: 'at',
            title: t('audit.at'),
            dataIndex: 'at',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
          {
            key: 'actor',
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 120,
            render: (v: string | null) => v ?? t('audit.system'),
          },
          {
            key: 'action',
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: string) => <code>{v}</code>,
          },
          { key: 'entityType', title: t('audit.entityType'), dataIndex: 'entityType', width: 120 },
          { key: 'entityId', title: t('audit.entityId'), dataIndex: 'entityId', width: 130 },
          { key: 'region', title: t('audit.region'), dataIndex: 'regionCode', width: 130 },
          { key: 'summary', title: t('audit.summary'), dataIndex: 'summary' },
        ]}
      />
      <LoadMore list={list} testId="audit-load-more" />
    </section>
  );
}

import { useState } from 'react';
import { Button, Select, Space, Table } from 'antd';
import { FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  AGREEMENT_SIGNER_LABELS,
  AGREEMENT_STATUSES,
  type AgreementStatus,
  type ServiceAgreementView,
} from '@yiyang/contracts';
import { useSession } from '../../app/session.tsx';
import { tableScroll } from '../../app/table.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { StatusTag } from '../layout/StatusTag.tsx';
import { AgreementDrawer, EndModal, SignModal } from './AgreementModals.tsx';
import { agreementPdfUrl, getAgreements, useLabel } from './serviceApi.ts';

/** Service agreements (服务协议) in scope: draft, record the signature, print, end. */
export default function AgreementsPage() {
  const { t } = useTranslation();
  const L = useLabel();
  const { can } = useSession();
  const [status, setStatus] = useState<AgreementStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const [signing, setSigning] = useState<ServiceAgreementView | null>(null);
  const [ending, setEnding] = useState<ServiceAgreementView | null>(null);
  const writable = can('service:write') || can('order:dispatch');
  const list = useQuery({
    queryKey: ['service-agreements', status],
    queryFn: () => getAgreements({ status }),
  });
  const items = list.data?.items ?? [];
  const actions = (a: ServiceAgreementView) => (
    <Space size={0} wrap>
      <Button
        type="link"
        icon={<FilePdfOutlined />}
        href={agreementPdfUrl(a.id)}
        target="_blank"
        rel="noopener"
      >
        {t('service.agreements.pdf')}
      </Button>
      {writable && a.status === 'draft' && (
        <Button type="link" onClick={() => setSigning(a)} data-testid="agreement-sign">
          {t('service.agreements.sign')}
        </Button>
      )}
      {writable && a.status !== 'ended' && (
        <Button type="link" danger onClick={() => setEnding(a)}>
          {t('service.agreements.end')}
        </Button>
      )}
    </Space>
  );
  return (
    <>
      <div className="yy-toolbar" role="search">
        <Select<AgreementStatus>
          allowClear
          aria-label={t('service.agreements.status')}
          placeholder={t('service.agreements.status')}
          value={status}
          onChange={setStatus}
          style={{ width: 160 }}
          options={AGREEMENT_STATUSES.map((s) => ({
            value: s,
            label: t(`service.agreements.statuses.${s}`),
          }))}
        />
        <span className="yy-grow" />
        {writable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="agreement-create"
          >
            {t('service.agreements.create')}
          </Button>
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<ServiceAgreementView>
        rowKey="id"
        data-testid="agreement-table"
        loading={list.isPending && !list.error}
        dataSource={items}
        pagination={false}
        scroll={tableScroll(1300, items)}
        columns={[
          { key: 'number', title: t('service.agreements.number'), dataIndex: 'number', width: 150 },
          { key: 'elder', title: t('service.agreements.elder'), dataIndex: 'elderNameMasked', width: 100 },
          { key: 'region', title: t('service.agreements.region'), dataIndex: 'regionName', width: 140 },
          {
            key: 'provider',
            title: t('service.agreements.provider'),
            dataIndex: 'organisationName',
            width: 200,
          },
          {
            key: 'items',
            title: t('service.agreements.items'),
            width: 240,
            render: (_: unknown, a) => a.items.map((i) => i.name).join('、'),
          },
          {
            key: 'validity',
            title: t('service.agreements.validity'),
            width: 200,
            render: (_: unknown, a) => `${a.validFrom} ~ ${a.validTo ?? t('service.catalogue.openEnded')}`,
          },
          {
            key: 'status',
            title: t('service.agreements.status'),
            width: 90,
            render: (_: unknown, a) => (
              <StatusTag active={a.status === 'signed'}>
                {t(`service.agreements.statuses.${a.status}`)}
              </StatusTag>
            ),
          },
          {
            key: 'signer',
            title: t('service.agreements.signer'),
            width: 150,
            render: (_: unknown, a) =>
              a.signerKind
                ? `${L(AGREEMENT_SIGNER_LABELS[a.signerKind])}${a.signerNameMasked ? ` ${a.signerNameMasked}` : ''}`
                : '',
          },
          { key: 'actions', title: t('common.actions'), width: 220, render: (_: unknown, a) => actions(a) },
        ]}
      />
      <AgreementDrawer open={creating} onClose={() => setCreating(false)} />
      <SignModal agreement={signing} onClose={() => setSigning(null)} />
      <EndModal agreement={ending} onClose={() => setEnding(null)} />
    </>
  );
}

import { useState } from 'react';
import { Button, Input, Select, Table, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { formatDateTime } from '../../app/format.ts';
import {
  ORGANISATION_STATUSES,
  ORGANISATION_TYPES,
  type OrganisationView,
  type OrganisationStatus,
  type OrganisationType,
} from '@yiyang/contracts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { StatusTag } from '../layout/StatusTag.tsx';
import { OrganisationDrawer } from './OrganisationDrawer.tsx';
import { tableScroll } from '../../app/table.ts';

export default function OrganisationsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const [q, setQ] = useState('');
  const [type, setType] = useState<OrganisationType | undefined>();
  const [editing, setEditing] = useState<OrganisationView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const writable = can('organisation:write');

  const list = usePaged<OrganisationView>('organisations', '/organisations', {
    regionCode: regionCode ?? undefined,
    q: q || undefined,
    type,
  });

  const statusTag = (s: string) =>
    (ORGANISATION_STATUSES as readonly string[]).includes(s) ? (
      <StatusTag active={s === 'active'}>
        {t(`organisation.statusValues.${s as OrganisationStatus}`)}
      </StatusTag>
    ) : (
      <Tag>{s}</Tag>
    );

  return (
    <section aria-labelledby="org-title">
      <Typography.Title level={1} className="yy-page-title" id="org-title">
        {t('organisation.title')}
      </Typography.Title>
      <div className="yy-toolbar" role="search">
        <Input.Search
          allowClear
          aria-label={t('organisation.searchPlaceholder')}
          placeholder={t('organisation.searchPlaceholder')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 280 }}
          data-testid="organisation-search"
          enterButton={t('common.search')}
        />
        <Select<OrganisationType>
          allowClear
          aria-label={t('organisation.typeFilter')}
          placeholder={t('organisation.typeFilter')}
          value={type}
          onChange={setType}
          style={{ width: 220 }}
          data-testid="organisation-type-filter"
          options={ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`organisation.types.${v}`) }))}
        />
        <span className="yy-grow" />
        {writable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setDrawerOpen(true);
            }}
            data-testid="organisation-create"
          >
            {t('organisation.create')}
          </Button>
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<OrganisationView>
        rowKey="id"
        data-testid="organisation-table"
        loading={list.isPending && !list.error}
        dataSource={list.rows}
        pagination={false}
        scroll={tableScroll(1500, list.items)}
        columns={[
          { key: 'name', title: t('organisation.name'), dataIndex: 'name', fixed: 'left', width: 220 },
          {
            key: 'type',
            title: t('organisation.type'),
            dataIndex: 'type',
            width: 150,
            render: (v: OrganisationType) => t(`organisation.types.${v}`),
          },
          {
            key: 'operatingMode',
            title: t('organisation.operatingMode'),
            dataIndex: 'operatingMode',
            width: 120,
            render: (v: OrganisationView['operatingMode']) => (v ? t(`organisation.modes.${v}`) : ''),
          },
          {
            key: 'creditCode',
            title: t('organisation.creditCode'),
            dataIndex: 'creditCode',
            width: 200,
            render: (v: string | null) => v && <code style={{ whiteSpace: 'nowrap' }}>{v}</code>,
          },
          { key: 'regionName', title: t('organisation.region'), dataIndex: 'regionName', width: 120 },
          { key: 'contactName', title: t('organisation.contactName'), dataIndex: 'contactName', width: 100 },
          {
            key: 'contactPhone',
            title: t('organisation.contactPhone'),
            width: 140,
            render: (_: unknown, row: OrganisationView) => row.contactPhoneMasked ?? '',
          },
          {
            key: 'status',
            title: t('organisation.status'),
            dataIndex: 'status',
            width: 90,
            render: statusTag,
          },
          {
            key: 'createdAt',
            title: t('organisation.createdAt'),
            dataIndex: 'createdAt',
            width: 160,
            render: (v: string) => formatDateTime(v),
          },
          ...(writable
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  fixed: 'right' as const,
                  width: 100,
                  render: (_: unknown, row: OrganisationView) => (
                    <Button
                      type="link"
                      icon={<EditOutlined />}
                      aria-label={`${t('common.edit')} ${row.name}`}
                      onClick={() => {
                        setEditing(row);
                        setDrawerOpen(true);
                      }}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore list={list} testId="organisation-load-more" />
      <OrganisationDrawer
        open={drawerOpen}
        organisation={editing}
        defaultRegionCode={regionCode}
        onClose={() => setDrawerOpen(false)}
      />
    </section>
  );
}

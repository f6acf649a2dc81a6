import { useMemo, useState } from 'react';
import { App, Button, Input, Select, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  FACILITY_STATUSES,
  FACILITY_TIER_LABELS,
  FACILITY_TIERS,
  type FacilityStatus,
  type FacilityTier,
  type OperatingMode,
} from '@yiyang/contracts';
import { api, buildUrl, isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { tableScroll } from '../../app/table.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { FormError, LoadError } from '../layout/PageErrors.tsx';
import { FacilityDrawer } from './FacilityDrawer.tsx';
import type { FacilityView } from './facilityTypes.ts';

const PAGE = 20;

/**
 * 设施管理 (issue 18 §1, §6): the region's centres, stations and points with tier, status, area and beds;
 * filters, the total, Excel export and import (all or nothing: the refused rows are listed); a drawer with
 * the standards checklist, the communities served and the stations a centre runs, and the edit form.
 */
export default function FacilitiesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { can } = useSession();
  const writable = can('facility:write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { regionCode } = useCurrentRegion();
  const [tier, setTier] = useState<FacilityTier | null>(null);
  const [status, setStatus] = useState<FacilityStatus | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [importRows, setImportRows] = useState<string[]>([]);
  const filter = useMemo(
    () => ({
      regionCode: regionCode ?? undefined,
      tier: tier ?? undefined,
      status: status ?? undefined,
      q: q || undefined,
    }),
    [regionCode, tier, status, q],
  );
  const list = useQuery({
    queryKey: ['facilities', filter, page],
    queryFn: ({ signal }) =>
      api.get<{ items: FacilityView[]; total: number }>(
        '/facilities',
        { ...filter, offset: (page - 1) * PAGE, limit: PAGE },
        { signal },
      ),
  });
  const tierLabel = (x: FacilityTier) => (en ? FACILITY_TIER_LABELS[x].en : FACILITY_TIER_LABELS[x].zh);

  const upload = async (file: File) => {
    setImportError(null);
    setImportRows([]);
    const body = new FormData();
    body.append('file', file);
    try {
      const r = await api.post<{ imported: number }>('/facilities/import', body, {
        query: { regionCode: regionCode ?? undefined },
      });
      void message.success(t('facility.imported', { n: r.imported }));
      void queryClient.invalidateQueries({ queryKey: ['facilities'] });
    } catch (e) {
      if (!isApiError(e)) throw e;
      setImportError(e.errors.length ? t('facility.importFailed') : e.detail);
      setImportRows(
        e.errors.map((x) => {
          const [, , row, field] = x.pointer.split('/');
          return t('facility.rowError', { row, field, message: x.message ?? x.code });
        }),
      );
    }
  };

  const columns: ColumnsType<FacilityView> = [
    {
      key: 'name',
      title: t('facility.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 220,
      render: (s: string, row) => (
        <Typography.Link onClick={() => setOpenId(row.id)} data-testid="facility-open">
          {s}
        </Typography.Link>
      ),
    },
    { key: 'tier', title: t('facility.tier'), dataIndex: 'tier', width: 170, render: tierLabel },
    { key: 'region', title: t('facility.region'), dataIndex: 'regionName', width: 200 },
    {
      key: 'status',
      title: t('facility.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: FacilityStatus) => <Tag>{t(`facility.statuses.${s}`)}</Tag>,
    },
    {
      key: 'area',
      title: t('facility.floorArea'),
      dataIndex: 'floorAreaM2',
      width: 110,
      render: (v: number | null) => v ?? '—',
    },
    { key: 'beds', title: t('facility.beds'), dataIndex: 'beds', width: 80 },
    {
      key: 'mode',
      title: t('facility.operatingMode'),
      dataIndex: 'operatingMode',
      width: 150,
      render: (m: OperatingMode | null) => (m ? t(`organisation.modes.${m}`) : '—'),
    },
    { key: 'year', title: t('facility.plannedYear'), dataIndex: 'plannedYear', width: 100 },
  ];

  return (
    <section aria-labelledby="facilities-title">
      <Typography.Title level={1} className="yy-page-title" id="facilities-title">
        {t('facility.title')}
      </Typography.Title>
      <div className="yy-toolbar" role="search" aria-label={t('common.search')}>
        <Input.Search
          allowClear
          aria-label={t('facility.searchName')}
          placeholder={t('facility.searchName')}
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
          enterButton={t('common.search')}
          style={{ width: 260 }}
          data-testid="facility-search"
        />
        <Select
          allowClear
          aria-label={t('facility.tier')}
          placeholder={t('facility.tier')}
          value={tier}
          onChange={(v: FacilityTier | undefined) => (setTier(v ?? null), setPage(1))}
          options={FACILITY_TIERS.map((x) => ({ value: x, label: tierLabel(x) }))}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
          data-testid="facility-tier-filter"
        />
        <Select
          allowClear
          aria-label={t('facility.status')}
          placeholder={t('facility.status')}
          value={status}
          onChange={(v: FacilityStatus | undefined) => (setStatus(v ?? null), setPage(1))}
          options={FACILITY_STATUSES.map((s) => ({ value: s, label: t(`facility.statuses.${s}`) }))}
          style={{ width: 140 }}
          data-testid="facility-status-filter"
        />
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={buildUrl('/facilities/export.xlsx', filter)}
          download
          data-testid="facility-export"
        >
          {t('facility.export')}
        </Button>
        {writable && (
          <>
            <Upload
              accept=".xlsx"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => (void upload(f), false)}
            >
              <Button icon={<UploadOutlined aria-hidden />} data-testid="facility-import">
                {t('facility.import')}
              </Button>
            </Upload>
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setCreating(true)}
              data-testid="facility-create"
            >
              {t('facility.create')}
            </Button>
          </>
        )}
      </div>
      <FormError error={importError} testId="facility-import-error" />
      {importRows.length > 0 && (
        <ul data-testid="facility-import-rows">
          {importRows.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<FacilityView>
        rowKey="id"
        data-testid="facility-table"
        loading={list.isPending && !list.error}
        dataSource={list.data?.items ?? []}
        scroll={tableScroll(1100, list.data?.items ?? [])}
        columns={columns}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => <span data-testid="facility-total">{t('common.total', { n })}</span>,
          onChange: setPage,
        }}
      />
      <FacilityDrawer
        id={openId}
        creating={creating}
        writable={writable}
        defaultRegionCode={regionCode}
        onClose={() => (setOpenId(null), setCreating(false))}
        onCreated={(id) => (setCreating(false), setOpenId(id))}
        onOpen={setOpenId}
      />
    </section>
  );
}

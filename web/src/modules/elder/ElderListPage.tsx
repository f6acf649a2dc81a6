import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Empty, Input, Popover, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, PlusOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ELDER_LIVING_SITUATIONS, ELDER_STATUSES, ELDER_TAG_CODES } from '@yiyang/contracts';
import { hasDraft } from '../../app/drafts.ts';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ELDERS_KEY, ELDERS_PATH, exportUrl, fetchElderCount } from './elderApi.ts';
import { ListTotal } from '../../app/ListTotal.tsx';
import {
  AGE_BANDS,
  EMPTY_FILTERS,
  buildListQuery,
  loadHiddenColumns,
  saveHiddenColumns,
  type AgeBand,
  type ElderFilters,
} from './elderHelpers.ts';
import type { ElderListItem } from '@yiyang/contracts';
import { useElderLabels } from './useElderLabels.ts';
import { ElderStatusTag } from './ElderStatusTag.tsx';
import { ElderDetailDrawer } from './ElderDetailDrawer.tsx';
import { ElderFormDrawer, elderDraftKey } from './ElderFormDrawer.tsx';
import { ElderImportWizard } from './ElderImportWizard.tsx';
import { tableScroll } from '../../app/table.ts';

const COLUMNS_KEY = 'yiyang.elder.hiddenColumns';
const COLUMN_KEYS = [
  'sex',
  'age',
  'idNumber',
  'phone',
  'street',
  'region',
  'address',
  'ability',
  'livingSituation',
  'tags',
  'status',
  'createdAt',
] as const;
const DEFAULT_HIDDEN = ['address', 'createdAt'];

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The elder whose details are open lives in the URL (`?elder=`): a link or a reload opens it again. */
function useOpenElder(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (id: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('elder', id);
        else next.delete('elder');
        return next;
      }),
    [setParams],
  );
  return [params.get('elder'), set];
}

export default function ElderListPage() {
  const { t } = useTranslation();
  const labels = useElderLabels();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const [filters, setFilters] = useState<ElderFilters>(EMPTY_FILTERS);
  const [hidden, setHidden] = useState<string[]>(() =>
    loadHiddenColumns(storage(), COLUMNS_KEY, COLUMN_KEYS, DEFAULT_HIDDEN),
  );
  const [openId, setOpenId] = useOpenElder();
  // A registration interrupted by a crash opens again with what was typed.
  const [creating, setCreating] = useState(() => hasDraft(elderDraftKey(null)));
  const [importing, setImporting] = useState(false);
  const writable = can('elder:write');

  const query = useMemo(() => buildListQuery(filters, regionCode), [filters, regionCode]);
  const list = usePaged<ElderListItem>(ELDERS_KEY, ELDERS_PATH, query);
  // A name search is ranked, not counted; every other filter shows its total.
  const total = useQuery({
    queryKey: [ELDERS_KEY, 'count', query],
    queryFn: ({ signal }) => fetchElderCount(query, signal),
    enabled: !query.q,
  });
  // Clearing the filters also clears the two search boxes (uncontrolled: they remount).
  const [resets, setResets] = useState(0);
  const set = (patch: Partial<ElderFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const toggleColumn = (key: string, visible: boolean) => {
    const next = visible ? hidden.filter((k) => k !== key) : [...hidden, key];
    setHidden(next);
    saveHiddenColumns(storage(), COLUMNS_KEY, next);
  };

  const columnTitles: Record<(typeof COLUMN_KEYS)[number], string> = {
    sex: t('elder.sex'),
    age: t('elder.age'),
    idNumber: t('elder.idNumber'),
    phone: t('elder.phone'),
    street: t('elder.street'),
    region: t('elder.region'),
    address: t('elder.address'),
    ability: t('elder.ability'),
    livingSituation: t('elder.livingSituation'),
    tags: t('elder.tags'),
    status: t('elder.status'),
    createdAt: t('elder.createdAt'),
  };

  const all: ColumnsType<ElderListItem> = [
    {
      key: 'name',
      title: t('elder.name'),
      dataIndex: 'nameMasked',
      fixed: 'left',
      width: 110,
      render: (name: string, row) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          onClick={() => setOpenId(row.id)}
          data-testid="elder-open"
          aria-label={`${t('elder.view')} ${name}`}
        >
          {name}
        </Button>
      ),
    },
    { key: 'sex', title: columnTitles.sex, dataIndex: 'sex', width: 70, render: (s) => labels.sex(s) },
    { key: 'age', title: columnTitles.age, dataIndex: 'age', width: 70 },
    {
      key: 'idNumber',
      title: columnTitles.idNumber,
      dataIndex: 'idNumberMasked',
      width: 190,
      render: (v: string) => (
        <span className="yy-mono" data-testid="elder-id-masked">
          {v}
        </span>
      ),
    },
    { key: 'phone', title: columnTitles.phone, dataIndex: 'phoneMasked', width: 130 },
    { key: 'street', title: columnTitles.street, dataIndex: 'streetName', width: 130 },
    { key: 'region', title: columnTitles.region, dataIndex: 'regionName', width: 150 },
    { key: 'address', title: columnTitles.address, dataIndex: 'addressMasked', width: 200 },
    {
      key: 'ability',
      title: columnTitles.ability,
      dataIndex: 'ability',
      width: 130,
      render: (a: ElderListItem['ability']) =>
        a ? (
          <span data-testid="elder-ability" title={a.assessedOn}>
            {labels.ability(a)}
          </span>
        ) : (
          labels.ability(null)
        ),
    },
    {
      key: 'livingSituation',
      title: columnTitles.livingSituation,
      dataIndex: 'livingSituation',
      width: 130,
      render: (v: ElderListItem['livingSituation']) => labels.living(v),
    },
    {
      key: 'tags',
      title: columnTitles.tags,
      width: 240,
      render: (_: unknown, row) => (
        <Space size={[4, 4]} wrap>
          {row.tags.map((tag) => (
            <Tag key={`s-${tag.code}`}>{labels.tag(tag.code)}</Tag>
          ))}
          {row.derivedTags.map((code) => (
            <Tag key={`d-${code}`} className="yy-tag-derived">
              {labels.derived(code)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'status',
      title: columnTitles.status,
      dataIndex: 'status',
      width: 100,
      render: (s: ElderListItem['status']) => <ElderStatusTag status={s} />,
    },
    {
      key: 'createdAt',
      title: columnTitles.createdAt,
      dataIndex: 'createdAt',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
  ];
  const columns = all.filter((c) => !hidden.includes(String(c.key)));
  const width = columns.reduce((w, c) => w + (typeof c.width === 'number' ? c.width : 120), 0);

  return (
    <>
      <div className="yy-toolbar" role="search" aria-label={t('common.search')}>
        <Input.Search
          key={`q-${resets}`}
          allowClear
          aria-label={t('elder.searchName')}
          placeholder={t('elder.searchName')}
          onSearch={(v) => set({ q: v.trim() })}
          style={{ width: 260 }}
          data-testid="elder-search"
          enterButton={t('common.search')}
        />
        <Input.Search
          key={`exact-${resets}`}
          allowClear
          aria-label={t('elder.searchExact')}
          placeholder={t('elder.searchExact')}
          onSearch={(v) => set({ exact: v.trim() })}
          style={{ width: 280 }}
          data-testid="elder-exact-search"
          enterButton={t('common.search')}
        />
        <Select
          mode="multiple"
          allowClear
          aria-label={t('elder.filterTags')}
          placeholder={t('elder.filterTags')}
          value={filters.tags}
          onChange={(tags: string[]) => set({ tags })}
          options={ELDER_TAG_CODES.map((c) => ({ value: c, label: labels.tag(c) }))}
          style={{ minWidth: 200 }}
          maxTagCount="responsive"
          data-testid="elder-tag-filter"
        />
        <Select
          allowClear
          aria-label={t('elder.filterAge')}
          placeholder={t('elder.filterAge')}
          value={filters.ageBand}
          onChange={(v: AgeBand | undefined) => set({ ageBand: v ?? null })}
          options={AGE_BANDS.map((b) => ({ value: b, label: t(`elder.ageBands.${b}`) }))}
          style={{ width: 140 }}
          data-testid="elder-age-filter"
        />
        <Select
          allowClear
          aria-label={t('elder.filterStatus')}
          placeholder={t('elder.filterStatus')}
          value={filters.status}
          onChange={(v: ElderFilters['status'] | undefined) => set({ status: v ?? null })}
          options={ELDER_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          style={{ width: 140 }}
          data-testid="elder-status-filter"
        />
        <Select
          allowClear
          aria-label={t('elder.filterLiving')}
          placeholder={t('elder.filterLiving')}
          value={filters.livingSituation}
          onChange={(v: ElderFilters['livingSituation'] | undefined) => set({ livingSituation: v ?? null })}
          options={ELDER_LIVING_SITUATIONS.map((s) => ({ value: s, label: labels.living(s) }))}
          style={{ width: 180 }}
          popupMatchSelectWidth={false}
          data-testid="elder-living-filter"
        />
        <span className="yy-grow" />
        <Popover
          trigger="click"
          placement="bottomRight"
          title={t('elder.columnsHint')}
          content={
            <div className="yy-column-settings" data-testid="elder-column-settings-panel">
              {COLUMN_KEYS.map((k) => (
                <Checkbox
                  key={k}
                  checked={!hidden.includes(k)}
                  onChange={(e) => toggleColumn(k, e.target.checked)}
                  data-testid={`elder-column-${k}`}
                >
                  {columnTitles[k]}
                </Checkbox>
              ))}
            </div>
          }
        >
          <Button
            onClick={() => {
              setFilters(EMPTY_FILTERS);
              setResets((n) => n + 1);
            }}
            data-testid="elder-reset"
          >
            {t('common.resetFilters')}
          </Button>
          <Button icon={<SettingOutlined aria-hidden />} data-testid="elder-column-settings">
            {t('elder.columns')}
          </Button>
        </Popover>
        {can('elder:export') && (
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={exportUrl(query)}
            download
            title={t('elderImport.exportHint')}
            data-testid="elder-export"
          >
            {t('elderImport.export')}
          </Button>
        )}
        {can('elder:import') && (
          <Button
            icon={<UploadOutlined aria-hidden />}
            onClick={() => setImporting(true)}
            data-testid="elder-import"
          >
            {t('elderImport.import')}
          </Button>
        )}
        {writable && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="elder-create"
          >
            {t('elder.create')}
          </Button>
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      {!query.q && <ListTotal total={total.data} testId="elder-total" />}
      <Table<ElderListItem>
        rowKey="id"
        data-testid="elder-table"
        loading={list.isPending && !list.error}
        dataSource={list.rows}
        pagination={false}
        scroll={tableScroll(width, list.items)}
        columns={columns}
        locale={{ emptyText: <Empty description={t('elder.empty')} /> }}
      />
      <LoadMore list={list} testId="elder-load-more" />
      <ElderImportWizard open={importing} regionCode={regionCode} onClose={() => setImporting(false)} />
      <ElderDetailDrawer elderId={openId} onClose={() => setOpenId(null)} />
      <ElderFormDrawer
        open={creating}
        elder={null}
        defaultRegionCode={regionCode}
        onClose={() => setCreating(false)}
        onSaved={(e) => setOpenId(e.id)}
      />
    </>
  );
}

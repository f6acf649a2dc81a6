import { useState } from 'react';
import { Button, Input, Select, Switch, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
  type ServiceCategory,
  type ServiceItemView,
} from '@yiyang/contracts';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { CatalogueTable } from './CatalogueTable.tsx';
import { ItemDrawer } from './ItemDrawer.tsx';
import { getCatalogue, useLabel } from './serviceApi.ts';

/** The district catalogue for staff: filter by category and day (or every version), edit with service:write. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const L = useLabel();
  const { can } = useSession();
  const [category, setCategory] = useState<ServiceCategory | undefined>();
  const [onDate, setOnDate] = useState('');
  const [history, setHistory] = useState(false);
  const [editing, setEditing] = useState<ServiceItemView | null>(null);
  const [open, setOpen] = useState(false);
  const writable = can('service:write');
  const query = {
    category,
    onDate: onDate || undefined,
    history: history ? 'true' : undefined,
  };
  const list = useQuery({ queryKey: ['service-items', query], queryFn: () => getCatalogue(query) });
  return (
    <>
      <Typography.Paragraph type="secondary">{t('service.catalogue.intro')}</Typography.Paragraph>
      <div className="yy-toolbar" role="search">
        <Select<ServiceCategory>
          allowClear
          aria-label={t('service.catalogue.category')}
          placeholder={t('service.catalogue.category')}
          value={category}
          onChange={setCategory}
          style={{ width: 240 }}
          data-testid="service-category-filter"
          options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: L(SERVICE_CATEGORY_LABELS[c]) }))}
        />
        <Input
          type="date"
          aria-label={t('service.catalogue.onDate')}
          value={onDate}
          onChange={(e) => setOnDate(e.target.value)}
          disabled={history}
          style={{ width: 170 }}
          data-testid="service-on-date"
        />
        <label>
          <Switch checked={history} onChange={setHistory} size="small" /> {t('service.catalogue.history')}
        </label>
        <span className="yy-grow" />
        {list.data && <span>{list.data.districtName}</span>}
        {writable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="service-item-create"
          >
            {t('service.catalogue.create')}
          </Button>
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <CatalogueTable
        items={list.data?.items ?? []}
        loading={list.isPending && !list.error}
        actions={
          writable
            ? (item) => (
                <Button
                  type="link"
                  icon={<EditOutlined />}
                  aria-label={`${t('common.edit')} ${item.name}`}
                  onClick={() => {
                    setEditing(item);
                    setOpen(true);
                  }}
                >
                  {t('common.edit')}
                </Button>
              )
            : undefined
        }
      />
      <ItemDrawer
        open={open}
        item={editing}
        districtCode={list.data?.districtCode ?? null}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

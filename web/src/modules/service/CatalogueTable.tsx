import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ELDER_PAY_CATEGORY_LABELS,
  PAY_RULE_KIND_LABELS,
  SERVICE_CATEGORY_LABELS,
  SERVICE_SUB_ITEM_LABELS,
  SERVICE_UNIT_LABELS,
  type CategoryPay,
  type ServiceCredentialKind,
  type ServiceItemView,
} from '@yiyang/contracts';
import { tableScroll } from '../../app/table.ts';
import { useLabel, yuan } from './serviceApi.ts';

// Tag colours with ≥ 4.5:1 text contrast (antd's presets are lighter; StatusTag.tsx).
const FREE_STYLE = { color: '#1b5e20', background: '#edf7ed', borderColor: '#a5d6a7' };
const SUBSIDISED_STYLE = { color: '#0b4a82', background: '#e8f1fb', borderColor: '#a9c8ea' };

/** What each elder category pays for one item: its rule and the amount. */
function PaysTable({ pays }: { pays: CategoryPay[] }) {
  const { t } = useTranslation();
  const L = useLabel();
  return (
    <Table<CategoryPay>
      size="small"
      rowKey="category"
      pagination={false}
      dataSource={pays}
      aria-label={t('service.catalogue.pays')}
      columns={[
        {
          key: 'category',
          title: t('service.catalogue.payCategory'),
          render: (_: unknown, p) => L(ELDER_PAY_CATEGORY_LABELS[p.category]),
        },
        {
          key: 'rule',
          title: t('service.catalogue.payRule'),
          render: (_: unknown, p) =>
            `${L(PAY_RULE_KIND_LABELS[p.rule.kind])}${
              p.rule.kind === 'subsidy'
                ? ` ${yuan(p.rule.amountCents)}`
                : p.rule.kind === 'share'
                  ? ` ${p.rule.percent}%`
                  : ''
            }`,
        },
        {
          key: 'share',
          title: t('service.catalogue.elderPays'),
          render: (_: unknown, p) => <strong>{yuan(p.elderShareCents)}</strong>,
        },
      ]}
    />
  );
}

/** The catalogue's items; a row expands to what each elder category pays. */
export function CatalogueTable({
  items,
  loading,
  actions,
}: {
  items: ServiceItemView[];
  loading: boolean;
  actions?: (item: ServiceItemView) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const L = useLabel();
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <Table<ServiceItemView>
      rowKey="id"
      data-testid="service-item-table"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={tableScroll(1200, items)}
      expandable={{ expandedRowRender: (item) => <PaysTable pays={item.pays} /> }}
      columns={[
        { key: 'code', title: t('service.catalogue.code'), dataIndex: 'code', width: 90 },
        {
          key: 'name',
          title: t('service.catalogue.name'),
          width: 200,
          render: (_: unknown, r) => (
            <>
              <div>{en ? r.nameEn : r.name}</div>
              <small style={{ color: '#595959' }}>{r.description}</small>
            </>
          ),
        },
        {
          key: 'category',
          title: t('service.catalogue.category'),
          width: 170,
          render: (_: unknown, r) => (
            <>
              <Tag>{L(SERVICE_CATEGORY_LABELS[r.category])}</Tag>
              {L(SERVICE_SUB_ITEM_LABELS[r.subItem])}
            </>
          ),
        },
        {
          key: 'price',
          title: t('service.catalogue.price'),
          width: 130,
          render: (_: unknown, r) =>
            t('service.catalogue.perUnit', {
              price: yuan(r.priceCents),
              unit: L(SERVICE_UNIT_LABELS[r.unit]),
            }),
        },
        {
          key: 'duration',
          title: t('service.catalogue.duration'),
          width: 90,
          render: (_: unknown, r) => t('service.catalogue.minutes', { count: r.durationMinutes }),
        },
        {
          key: 'free',
          title: t('service.catalogue.pays'),
          width: 220,
          render: (_: unknown, r) =>
            r.pays
              .filter((p) => p.elderShareCents < r.priceCents)
              .map((p) => (
                <Tag key={p.category} style={p.elderShareCents === 0 ? FREE_STYLE : SUBSIDISED_STYLE}>
                  {L(ELDER_PAY_CATEGORY_LABELS[p.category])} {yuan(p.elderShareCents)}
                </Tag>
              )),
        },
        {
          key: 'credentials',
          title: t('service.catalogue.credentials'),
          width: 150,
          render: (_: unknown, r) =>
            r.requiredCredentials
              .map((k) => t(`service.credentials.${k as ServiceCredentialKind}`))
              .join('、'),
        },
        {
          key: 'photos',
          title: t('service.catalogue.photos'),
          width: 110,
          render: (_: unknown, r) =>
            r.photosAllowed ? t('service.catalogue.photosAllowed') : t('service.catalogue.photosNever'),
        },
        {
          key: 'validity',
          title: t('service.catalogue.validity'),
          width: 190,
          render: (_: unknown, r) => `${r.validFrom} ~ ${r.validTo ?? t('service.catalogue.openEnded')}`,
        },
        ...(actions
          ? [
              {
                key: 'actions',
                title: t('common.actions'),
                width: 90,
                render: (_: unknown, r: ServiceItemView) => actions(r),
              },
            ]
          : []),
      ]}
    />
  );
}

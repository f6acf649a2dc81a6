import { useEffect, useState } from 'react';
import { Button, Layout, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@yiyang/contracts';
import { AppLogo } from '../layout/AppLogo.tsx';
import { ConsoleProviders } from '../layout/ConsoleProviders.tsx';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { CatalogueTable } from './CatalogueTable.tsx';
import { getPublicCatalogue, getPublicDistricts, useLabel } from './serviceApi.ts';

/** The published catalogue (服务清单), readable without signing in (`002_…` §五(四); PRODUCT.md §4.5). */
function PublicCatalogue() {
  const { t } = useTranslation();
  const L = useLabel();
  const districts = useQuery({ queryKey: ['public-districts'], queryFn: getPublicDistricts });
  const [district, setDistrict] = useState<string | undefined>();
  const [category, setCategory] = useState<ServiceCategory | undefined>();
  useEffect(() => {
    if (!district && districts.data?.items[0]) setDistrict(districts.data.items[0].code);
  }, [district, districts.data]);
  const list = useQuery({
    queryKey: ['public-catalogue', district, category],
    queryFn: () => getPublicCatalogue({ district, category }),
    enabled: !!district,
  });
  return (
    <Layout style={{ minHeight: '100vh', background: '#fff' }}>
      <Layout.Header style={{ background: '#fff', display: 'flex', alignItems: 'center', gap: 16 }}>
        <AppLogo />
        <span className="yy-grow" style={{ flex: 1 }} />
        <LanguageSwitch />
        <Button href="/login">{t('service.publicPage.signIn')}</Button>
      </Layout.Header>
      <Layout.Content style={{ padding: '16px 24px' }}>
        <main>
          <Typography.Title level={1} className="yy-page-title">
            {t('service.publicPage.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('service.publicPage.subtitle')} · {t('service.catalogue.intro')}
          </Typography.Paragraph>
          <div className="yy-toolbar" role="search">
            <Select<string>
              aria-label={t('service.catalogue.district')}
              value={district}
              onChange={setDistrict}
              style={{ width: 200 }}
              options={(districts.data?.items ?? []).map((d) => ({ value: d.code, label: d.name }))}
            />
            <Select<ServiceCategory>
              allowClear
              aria-label={t('service.catalogue.category')}
              placeholder={t('service.catalogue.category')}
              value={category}
              onChange={setCategory}
              style={{ width: 240 }}
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: L(SERVICE_CATEGORY_LABELS[c]) }))}
            />
          </div>
          {(list.error ?? districts.error) && (
            <LoadError error={list.error ?? districts.error} onRetry={() => void list.refetch()} />
          )}
          {districts.data?.items.length === 0 && (
            <Typography.Text>{t('service.catalogue.empty')}</Typography.Text>
          )}
          <CatalogueTable items={list.data?.items ?? []} loading={!!district && list.isPending} />
        </main>
      </Layout.Content>
    </Layout>
  );
}

export default function PublicCataloguePage() {
  return (
    <ConsoleProviders>
      <PublicCatalogue />
    </ConsoleProviders>
  );
}

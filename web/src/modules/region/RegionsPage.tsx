import { Breadcrumb, Card, Col, Descriptions, Empty, Row, Skeleton, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RegionKind, RegionLevel } from '@yiyang/contracts';
import { useMe } from '../../app/session.tsx';
import { formatNumber } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import type { Messages } from '../../i18n/zh-CN.ts';
import { useCurrentRegion } from './RegionContext.tsx';
import { fetchRegion } from './regionApi.ts';
import { useRegionTree } from './useRegionTree.ts';

type ChildCountKey = keyof Messages['region']['childCountKeys'];

export default function RegionsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { regionCode, setRegion } = useCurrentRegion();
  const { treeData, loadData, error: treeError } = useRegionTree(me.regionCode, me.regionName);
  const [expandedKeys, setExpandedKeys] = useState<React.Key[]>(me.regionCode ? [me.regionCode] : []);

  const { data, error, isPending, refetch } = useQuery({
    queryKey: ['region', regionCode],
    queryFn: () => fetchRegion(regionCode!),
    enabled: !!regionCode,
  });

  const levelLabel = (l: RegionLevel) => t(`region.levels.${l}`);
  const kindLabel = (k: RegionKind) => t(`region.kinds.${k}`);
  // The server counts descendants by kind (street, town, community, village …).
  const countLabel = (k: string) =>
    i18n.exists(`region.kinds.${k}`)
      ? t(`region.kinds.${k as RegionKind}`)
      : i18n.exists(`region.childCountKeys.${k}`)
        ? t(`region.childCountKeys.${k as ChildCountKey}`)
        : k;

  return (
    <section aria-labelledby="regions-title">
      <Typography.Title level={1} className="yy-page-title" id="regions-title">
        {t('nav.regions')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} xl={8}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('region.tree')}</h2>}>
            {treeError ? <LoadError error={treeError} /> : null}
            <Tree
              data-testid="region-tree"
              aria-label={t('region.tree')}
              treeData={treeData}
              loadData={loadData}
              selectedKeys={regionCode ? [regionCode] : []}
              // Remounted once the root's children arrive, so the root shows expanded.
              key={treeData[0]?.children ? 'ready' : 'pending'}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpandedKeys(keys)}
              onSelect={(keys) => {
                const k = keys[0];
                if (k !== undefined) setRegion(String(k));
              }}
              height={560}
              blockNode
              showLine
            />
          </Card>
        </Col>
        <Col xs={24} md={14} xl={16}>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('region.detail')}</h2>}
            data-testid="region-detail"
          >
            {!regionCode ? (
              <Empty description={t('region.selectHint')} />
            ) : error ? (
              <LoadError error={error} onRetry={() => void refetch()} />
            ) : isPending || !data ? (
              <Skeleton active />
            ) : (
              <>
                <nav aria-label={t('region.ancestors')}>
                  <Breadcrumb
                    style={{ marginBottom: 16 }}
                    items={[
                      ...data.ancestors.map((a) => ({
                        key: a.code,
                        title: (
                          <a
                            href={`?region=${a.code}`}
                            onClick={(e) => {
                              e.preventDefault();
                              setRegion(a.code);
                            }}
                          >
                            {a.name}
                          </a>
                        ),
                      })),
                      { key: data.code, title: <span aria-current="page">{data.name}</span> },
                    ]}
                  />
                </nav>
                <Descriptions
                  bordered
                  column={{ xs: 1, lg: 2 }}
                  items={[
                    { key: 'name', label: t('region.name'), children: data.name },
                    { key: 'code', label: t('region.code'), children: <code>{data.code}</code> },
                    {
                      key: 'level',
                      label: t('region.level'),
                      children: levelLabel(data.level as RegionLevel),
                    },
                    { key: 'kind', label: t('region.kind'), children: kindLabel(data.kind as RegionKind) },
                    {
                      key: 'parent',
                      label: t('region.parent'),
                      children: data.ancestors.at(-1)?.name ?? data.parentCode ?? t('common.none'),
                    },
                    {
                      key: 'urbanRural',
                      label: t('region.urbanRuralCode'),
                      children: data.urbanRuralCode ?? t('common.none'),
                    },
                  ]}
                />
                {/* A village-level node has no subdivisions: the section is left out rather than empty. */}
                {Object.keys(data.childCounts).length > 0 && (
                  <>
                    <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
                      {t('region.childCounts')}
                    </Typography.Title>
                    <Descriptions
                      bordered
                      column={{ xs: 1, sm: 2, lg: 3 }}
                      items={Object.entries(data.childCounts).map(([k, v]) => ({
                        key: k,
                        label: countLabel(k),
                        children: formatNumber(v),
                      }))}
                    />
                  </>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </section>
  );
}

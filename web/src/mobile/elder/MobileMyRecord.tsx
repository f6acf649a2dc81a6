import { Link, Navigate } from 'react-router';
import { List } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ElderListItem } from '@yiyang/contracts';
import { api, isApiError } from '../../api/client.ts';
import { Loading } from '../../app/Loading.tsx';
import { ELDERS_KEY, ELDERS_PATH } from '../../modules/elder/elderApi.ts';
import { MobilePage } from '../MobilePage.tsx';

/**
 * 我的档案 / 家人档案 (issue 13 §6): the elder's own record, or the records of the elders a family member is
 * bound to (with consent) — the registry's relationship scope gives exactly those. One record opens at once.
 */
export default function MobileMyRecord() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [ELDERS_KEY, 'mine'],
    queryFn: ({ signal }) => api.get<{ items: ElderListItem[] }>(ELDERS_PATH, { limit: 20 }, { signal }),
  });
  const items = q.data?.items;
  if (items?.length === 1) return <Navigate to={`/m/elders/${encodeURIComponent(items[0]!.id)}`} replace />;

  return (
    <MobilePage title={t('mobile.myRecords')}>
      {q.error ? (
        <p className="yy-m-error" role="alert">
          {isApiError(q.error) ? q.error.detail : t('common.loadFailed')}
        </p>
      ) : !items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="yy-m-status" role="status" data-testid="m-my-record-none">
          {t('elder.mobile.noBoundElders')}
        </p>
      ) : (
        <List className="yy-m-list" data-testid="m-my-records">
          {items.map((e) => (
            <List.Item key={e.id} description={e.regionName ?? undefined}>
              <Link to={`/m/elders/${encodeURIComponent(e.id)}`} data-testid="m-my-record-open">
                {e.nameMasked}
              </Link>
            </List.Item>
          ))}
        </List>
      )}
      <a href="tel:12349" className="yy-m-action" data-testid="m-hotline-call">
        {t('mobile.hotline')}
      </a>
    </MobilePage>
  );
}

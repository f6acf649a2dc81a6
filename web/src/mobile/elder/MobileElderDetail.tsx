import { Link, useParams } from 'react-router';
import { List } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../app/Loading.tsx';
import { useMe, useSession } from '../../app/session.tsx';
import { isPersonalAccount } from '@yiyang/contracts';
import { isApiError } from '../../api/client.ts';
import { ELDERS_KEY, fetchElder } from '../../modules/elder/elderApi.ts';
import { useElderLabels } from '../../modules/elder/useElderLabels.ts';
import { MobilePage } from '../MobilePage.tsx';

/** One elder, masked values only (full values are a console function with a reason). */
export default function MobileElderDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const labels = useElderLabels();
  const { can } = useSession();
  // The elder and family come from 我的档案 on the home screen; staff from the registry list.
  const personal = isPersonalAccount(useMe().roles);
  const q = useQuery({
    queryKey: [ELDERS_KEY, 'detail', id],
    queryFn: ({ signal }) => fetchElder(id, signal),
  });
  const e = q.data;

  return (
    <MobilePage title={e?.nameMasked ?? t('elder.detailTitle')} backTo={personal ? '/m/' : '/m/elders'}>
      {q.error ? (
        <p className="yy-m-error" role="alert">
          {isApiError(q.error) ? q.error.detail : t('common.loadFailed')}
        </p>
      ) : !e ? (
        <Loading />
      ) : (
        <>
          <List className="yy-m-list" data-testid="m-elder-detail">
            {(
              [
                [t('elder.name'), e.nameMasked, 'name'],
                [t('elder.sex'), labels.sex(e.sex), 'sex'],
                [t('elder.age'), t('elder.ageValue', { age: e.age }), 'age'],
                [t('elder.idNumber'), e.idNumberMasked, 'id'],
                [t('elder.phone'), e.phoneMasked ?? t('common.none'), 'phone'],
                [t('elder.region'), e.regionName, 'region'],
                [t('elder.address'), e.addressMasked ?? t('common.none'), 'address'],
                [t('elder.livingSituation'), labels.living(e.livingSituation), 'living'],
                [t('elder.status'), labels.status(e.status), 'status'],
                [t('elder.ability'), labels.ability(e.ability, true), 'ability'],
                [
                  t('elder.tags'),
                  [...e.tags.map((x) => labels.tag(x.code)), ...e.derivedTags.map(labels.derived)].join(
                    '、',
                  ) || t('common.none'),
                  'tags',
                ],
                [
                  t('elder.coordinates'),
                  e.lat != null && e.lng != null ? `≈ ${e.lat}, ${e.lng}` : t('common.none'),
                  'coords',
                ],
              ] as const
            ).map(([label, value, key]) => (
              <List.Item key={key} description={<span data-testid={`m-elder-${key}`}>{value}</span>}>
                {label}
              </List.Item>
            ))}
          </List>
          {e.family.length > 0 && (
            <>
              <h2 className="yy-m-section-title" style={{ marginTop: 16 }}>
                {t('elder.tabs.family')}
              </h2>
              <List className="yy-m-list">
                {e.family.map((m) => (
                  <List.Item key={m.id} description={m.phoneMasked ?? undefined}>
                    {m.name}
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {personal && (
            <a href="tel:12349" className="yy-m-action" data-testid="m-hotline-call">
              {t('mobile.hotline')}
            </a>
          )}
          {can('elder:write') && (
            <Link
              to={`/m/elders/${encodeURIComponent(e.id)}/edit`}
              className="yy-m-action"
              data-testid="m-elder-edit"
            >
              {t('elder.mobile.edit')}
            </Link>
          )}
        </>
      )}
    </MobilePage>
  );
}

import { lazy, Suspense, useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Dropdown,
  Empty,
  Skeleton,
  Space,
  Tabs,
  Tag,
} from 'antd';
import { DownOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ELDER_CHRONIC_DISEASES, type ElderChronicDisease, type ElderStatus } from '@yiyang/contracts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { ELDERS_KEY, fetchElder } from './elderApi.ts';
import type { ElderDetail, RevealView } from '@yiyang/contracts';
import { useElderLabels } from './useElderLabels.ts';
import { ElderStatusTag } from './ElderStatusTag.tsx';
import { ElderFormDrawer, elderDraftKey } from './ElderFormDrawer.tsx';
import { hasDraft } from '../../app/drafts.ts';
import { RevealModal } from './RevealModal.tsx';
import { StatusModal } from './StatusModal.tsx';
import { ElderTagsTab } from './ElderTagsTab.tsx';
import { ElderFamilyTab } from './ElderFamilyTab.tsx';
import { ElderHistoryTab } from './ElderHistoryTab.tsx';

// The assessment module (and its chart) loads only when the tab is opened.
const ElderAssessmentsTab = lazy(() => import('../assessment/ElderAssessmentsTab.tsx'));
const ElderServicesTab = lazy(() => import('../order/ElderServicesTab.tsx'));
const ElderAlarmsTab = lazy(() => import('../alarm/ElderAlarmsTab.tsx'));
const ElderDevicesTab = lazy(() => import('../device/ElderDevicesTab.tsx'));
const ElderVitalsTab = lazy(() => import('../health/ElderVitalsTab.tsx'));

/** A value shown masked, or in full (highlighted) after a reveal. */
function Sensitive({
  masked,
  full,
  testId,
}: {
  masked: string | null;
  full: string | null | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  if (full !== undefined)
    return (
      <mark className="yy-revealed" data-testid={`${testId}-full`}>
        {full ?? t('common.none')}
      </mark>
    );
  return (
    <span data-testid={testId} title={t('elder.masked')}>
      {masked ?? t('common.none')}
    </span>
  );
}

/**
 * One elder: profile, family, categories, health and history. Revealed
 * values live in this component's state and vanish when the drawer closes.
 * TODO(issue 3+): 服务 services, 告警 alarms and 补贴 subsidies tabs arrive
 * with their modules (no placeholder tabs until then).
 */
export function ElderDetailDrawer({ elderId, onClose }: { elderId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useElderLabels();
  const { can } = useSession();
  const [revealed, setRevealed] = useState<RevealView | null>(null);
  const [revealOpen, setRevealOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [statusPreset, setStatusPreset] = useState<ElderStatus | null | false>(false);
  const writable = can('elder:write');

  // A new elder or closing forgets whatever was revealed.
  useEffect(() => setRevealed(null), [elderId]);

  const q = useQuery({
    queryKey: [ELDERS_KEY, 'detail', elderId],
    queryFn: ({ signal }) => fetchElder(elderId!, signal),
    enabled: !!elderId,
  });
  const e: ElderDetail | undefined = q.data;
  // An edit interrupted by a crash opens again with what was typed.
  useEffect(() => {
    if (e && hasDraft(elderDraftKey(e))) setEditing(true);
  }, [e]);

  const profile = e
    ? [
        {
          key: 'name',
          label: t('elder.name'),
          children: <Sensitive masked={e.nameMasked} full={revealed?.name} testId="elder-detail-name" />,
        },
        { key: 'sex', label: t('elder.sex'), children: labels.sex(e.sex) },
        { key: 'age', label: t('elder.age'), children: t('elder.ageValue', { age: e.age }) },
        { key: 'birthDate', label: t('elder.birthDate'), children: e.birthDate },
        { key: 'idType', label: t('elder.idType'), children: t(`elder.idTypes.${e.idType}`) },
        {
          key: 'idNumber',
          label: t('elder.idNumber'),
          children: (
            <Sensitive masked={e.idNumberMasked} full={revealed?.idNumber} testId="elder-detail-id" />
          ),
        },
        {
          key: 'phone',
          label: t('elder.phone'),
          children: <Sensitive masked={e.phoneMasked} full={revealed?.phone} testId="elder-detail-phone" />,
        },
        {
          key: 'region',
          label: t('elder.region'),
          // 街道 · 社区 (one name when the elder's region is the street itself).
          children: [...new Set([e.streetName, e.regionName].filter(Boolean))].join(' · '),
        },
        {
          key: 'ability',
          label: t('elder.ability'),
          children: <span data-testid="elder-detail-ability">{labels.ability(e.ability, true)}</span>,
        },
        {
          key: 'address',
          label: t('elder.address'),
          span: 2,
          children: (
            <Sensitive masked={e.addressMasked} full={revealed?.address} testId="elder-detail-address" />
          ),
        },
        { key: 'living', label: t('elder.livingSituation'), children: labels.living(e.livingSituation) },
        { key: 'status', label: t('elder.status'), children: <ElderStatusTag status={e.status} /> },
        {
          key: 'ethnicity',
          label: t('elder.ethnicity'),
          children: labels.ethnicity(e.ethnicity) || t('common.none'),
        },
        {
          key: 'education',
          label: t('elder.education'),
          children: labels.code('educationLevels', e.education) || t('common.none'),
        },
        {
          key: 'marital',
          label: t('elder.maritalStatus'),
          children: labels.code('maritalStatuses', e.maritalStatus) || t('common.none'),
        },
        {
          key: 'economic',
          label: t('elder.economicSources'),
          children: e.economicSources?.length
            ? e.economicSources.map((c) => labels.code('economicSourceCodes', c)).join('、')
            : t('common.none'),
        },
        {
          key: 'local',
          label: t('elder.householdLocal'),
          children: e.householdLocal ? t('common.yes') : t('common.no'),
        },
        ...(e.householdLocal
          ? []
          : [
              {
                key: 'since',
                label: t('elder.residenceSince'),
                children: e.residenceSince ?? t('common.none'),
              },
              {
                key: 'qualifies',
                label: t('elder.nonLocalQualifiesOn'),
                children: e.nonLocalQualifiesOn ?? t('common.none'),
              },
            ]),
        {
          key: 'coords',
          label: t('elder.coordinates'),
          // Rounded to ~1 km by the server; the exact position comes with the revealed address.
          children: revealed?.location
            ? `${revealed.location.lat}, ${revealed.location.lng}`
            : e.lat != null && e.lng != null
              ? `≈ ${e.lat}, ${e.lng}`
              : t('common.none'),
        },
        { key: 'createdAt', label: t('elder.createdAt'), children: formatDateTime(e.createdAt) },
        {
          key: 'updatedAt',
          label: t('elder.updatedAt'),
          children: `${formatDateTime(e.updatedAt)} · ${t('elder.version')} ${e.version}`,
        },
      ]
    : [];

  const health = e?.health;
  const rh = revealed?.health;

  return (
    <Drawer
      open={!!elderId}
      onClose={onClose}
      title={e ? `${e.nameMasked} · ${t('elder.detailTitle')}` : t('elder.detailTitle')}
      size={760}
      destroyOnHidden
      data-testid="elder-drawer"
      extra={
        e && (
          <Space wrap>
            {can('elder:read_sensitive') && !revealed && (
              <Button
                icon={<EyeOutlined aria-hidden />}
                onClick={() => setRevealOpen(true)}
                data-testid="elder-reveal"
              >
                {t('elder.reveal')}
              </Button>
            )}
            {writable && (
              <>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'status', label: t('elder.changeStatus'), onClick: () => setStatusPreset(null) },
                      ...(e.status !== 'deceased'
                        ? [
                            {
                              key: 'death',
                              danger: true,
                              label: t('elder.registerDeath'),
                              onClick: () => setStatusPreset('deceased' as const),
                            },
                          ]
                        : []),
                    ],
                  }}
                >
                  <Button data-testid="elder-status-menu">
                    {t('elder.changeStatus')} <DownOutlined aria-hidden />
                  </Button>
                </Dropdown>
                <Button
                  type="primary"
                  icon={<EditOutlined aria-hidden />}
                  onClick={() => setEditing(true)}
                  data-testid="elder-edit"
                >
                  {t('common.edit')}
                </Button>
              </>
            )}
          </Space>
        )
      }
    >
      {q.error ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : !e ? (
        <Skeleton active />
      ) : (
        <>
          {revealed && (
            <Alert
              type="warning"
              showIcon
              title={t('elder.revealed')}
              style={{ marginBottom: 16 }}
              data-testid="elder-revealed-note"
            />
          )}
          <Tabs
            data-testid="elder-tabs"
            // Nine tabs fit the drawer in English too: an overflow menu breaks the tab list's ARIA (axe).
            tabBarGutter={16}
            items={[
              {
                key: 'profile',
                label: t('elder.tabs.profile'),
                children: (
                  <>
                    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={profile} />
                    {(can('device:read') || can('device:write')) && (
                      <>
                        {/* A section, not a tab: the tab bar stays within the drawer's width. */}
                        <Divider>{t('device.elderTab')}</Divider>
                        <Suspense fallback={<Skeleton active />}>
                          <ElderDevicesTab elderId={e.id} />
                        </Suspense>
                      </>
                    )}
                  </>
                ),
              },
              {
                key: 'family',
                label: t('elder.tabs.family'),
                children: <ElderFamilyTab elder={e} writable={writable} revealed={revealed?.family} />,
              },
              {
                key: 'tags',
                label: t('elder.tabs.tags'),
                children: <ElderTagsTab elder={e} writable={writable} />,
              },
              {
                key: 'health',
                label: t('elder.tabs.health'),
                children: !health ? (
                  <Empty description={t('elder.health.none')} />
                ) : (
                  <Descriptions
                    bordered
                    size="small"
                    column={1}
                    data-testid="elder-health"
                    items={[
                      {
                        key: 'count',
                        label: t('elder.health.chronicDiseaseCount'),
                        children: String(health.chronicDiseaseCount),
                      },
                      ...(rh?.chronicDiseases
                        ? [
                            {
                              key: 'list',
                              label: t('elder.health.chronicDiseases'),
                              children: (
                                <Space size={[4, 4]} wrap>
                                  {rh.chronicDiseases.map((c) => (
                                    <Tag key={c}>
                                      {(ELDER_CHRONIC_DISEASES as readonly string[]).includes(c)
                                        ? t(`elder.diseases.${c as ElderChronicDisease}`)
                                        : c}
                                    </Tag>
                                  ))}
                                </Space>
                              ),
                            },
                          ]
                        : []),
                      {
                        key: 'allergies',
                        label: t('elder.health.hasAllergies'),
                        children: health.hasAllergies ? t('common.yes') : t('common.no'),
                      },
                      ...(rh
                        ? [
                            {
                              key: 'allergyText',
                              label: t('elder.health.allergies'),
                              children: rh.allergies.join('、') || t('common.none'),
                            },
                            {
                              key: 'medication',
                              label: t('elder.health.medication'),
                              children: rh.medications.join('、') || t('common.none'),
                            },
                          ]
                        : []),
                      {
                        key: 'doctor',
                        label: t('elder.health.familyDoctorSigned'),
                        children:
                          (health.familyDoctorSigned ? t('common.yes') : t('common.no')) +
                          (rh?.familyDoctor?.doctorName
                            ? ` · ${rh.familyDoctor.doctorName} ${rh.familyDoctor.institution ?? ''}`
                            : ''),
                      },
                    ]}
                  />
                ),
              },
              ...(can('assessment:read')
                ? [
                    {
                      key: 'assessments',
                      label: <span data-testid="elder-tab-assessments">{t('assessment.history')}</span>,
                      children: (
                        <Suspense fallback={<Skeleton active />}>
                          <ElderAssessmentsTab elderId={e.id} />
                        </Suspense>
                      ),
                    },
                  ]
                : []),
              ...(can('order:read')
                ? [
                    {
                      key: 'services',
                      label: <span data-testid="elder-tab-services">{t('order.title')}</span>,
                      children: (
                        <Suspense fallback={<Skeleton active />}>
                          <ElderServicesTab elderId={e.id} />
                        </Suspense>
                      ),
                    },
                  ]
                : []),
              ...(can('alarm:read')
                ? [
                    {
                      key: 'alarms',
                      label: <span data-testid="elder-tab-alarms">{t('alarm.title')}</span>,
                      children: (
                        <Suspense fallback={<Skeleton active />}>
                          <ElderAlarmsTab elderId={e.id} />
                        </Suspense>
                      ),
                    },
                  ]
                : []),
              ...(can('health:read')
                ? [
                    {
                      key: 'vitals',
                      label: <span data-testid="elder-tab-vitals">{t('health.vitals')}</span>,
                      children: (
                        <Suspense fallback={<Skeleton active />}>
                          <ElderVitalsTab elderId={e.id} />
                        </Suspense>
                      ),
                    },
                  ]
                : []),
              {
                key: 'history',
                label: <span data-testid="elder-tab-history">{t('elder.tabs.history')}</span>,
                children: <ElderHistoryTab elderId={e.id} />,
              },
            ]}
          />
          <RevealModal
            elderId={e.id}
            open={revealOpen}
            onClose={() => setRevealOpen(false)}
            onRevealed={(v) => setRevealed(v)}
          />
          <StatusModal
            elderId={e.id}
            current={e.status}
            preset={statusPreset || null}
            open={statusPreset !== false}
            onClose={() => setStatusPreset(false)}
          />
          <ElderFormDrawer
            open={editing}
            elder={e}
            defaultRegionCode={e.regionCode}
            onClose={() => setEditing(false)}
            onReload={() => void q.refetch()}
          />
        </>
      )}
    </Drawer>
  );
}

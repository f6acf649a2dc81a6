import { Card, Col, List, Row, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { ELDERS_KEY, fetchStatsByRegion } from '../elder/elderApi.ts';
import { useElderLabels } from '../elder/useElderLabels.ts';
import { ASSESSMENTS_KEY, fetchAssessmentStats, fetchDue } from '../assessment/assessmentApi.ts';

/** Days ahead that count as "due soon" on the home page (the due list's own default). */
const DUE_WITHIN_DAYS = 30;

/**
 * Care indicators of the current region on the home page (issue 13 §6): elders by category, by ability
 * level, and the assessments due — what a community worker or street officer acts on, beside the counts.
 */
export function CareIndicators({ regionCode, search }: { regionCode: string | null; search: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const labels = useElderLabels();
  const canAssess = can('assessment:read');
  const elders = useQuery({
    queryKey: [ELDERS_KEY, 'stats', regionCode],
    queryFn: ({ signal }) => fetchStatsByRegion(regionCode, signal),
    enabled: can('elder:read'),
  });
  const levels = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'stats', regionCode],
    queryFn: ({ signal }) => fetchAssessmentStats(regionCode, signal),
    enabled: canAssess,
  });
  const due = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'due', regionCode, DUE_WITHIN_DAYS],
    queryFn: ({ signal }) => fetchDue(regionCode, DUE_WITHIN_DAYS, signal),
    enabled: canAssess,
  });
  if (!can('elder:read')) return null;
  const byTag = Object.entries(elders.data?.byTag ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const overdue = due.data?.items.filter((i) => i.overdue).length ?? 0;
  const soon = (due.data?.items.length ?? 0) - overdue;

  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="care-indicators">
      <Col xs={24} lg={8}>
        <Card title={t('home.care.byCategory')} loading={elders.isPending} data-testid="care-by-category">
          <List
            size="small"
            dataSource={byTag}
            locale={{ emptyText: <span className="yy-empty-text">{t('home.care.none')}</span> }}
            renderItem={([code, n]) => (
              <List.Item extra={<strong>{n}</strong>}>
                <Link to={`/elders${search ? `${search}&` : '?'}tags=${encodeURIComponent(code)}`}>
                  {labels.tag(code)}
                </Link>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      {canAssess && (
        <Col xs={24} lg={8}>
          <Card title={t('home.care.byLevel')} loading={levels.isPending} data-testid="care-by-level">
            <List
              size="small"
              header={t('home.care.assessed', {
                assessed: levels.data?.assessed ?? 0,
                elders: levels.data?.elders ?? 0,
              })}
              dataSource={levels.data?.byLevel ?? []}
              locale={{ emptyText: <span className="yy-empty-text">{t('home.care.none')}</span> }}
              renderItem={(l) => (
                <List.Item key={`${l.standardCode}-${l.level}`} extra={<strong>{l.count}</strong>}>
                  {i18n.language.startsWith('en') ? l.nameEn : l.name}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      )}
      {canAssess && (
        <Col xs={24} lg={8}>
          <Card title={t('home.care.due')} loading={due.isPending} data-testid="care-due">
            <Row gutter={16}>
              <Col span={12}>
                <Link to={`/assessments/due${search}`} className="yy-stat-link" data-testid="care-overdue">
                  <Statistic title={t('home.care.overdue')} value={overdue} />
                </Link>
              </Col>
              <Col span={12}>
                <Link to={`/assessments/due${search}`} className="yy-stat-link" data-testid="care-due-soon">
                  <Statistic title={t('home.care.dueSoon', { days: DUE_WITHIN_DAYS })} value={soon} />
                </Link>
              </Col>
            </Row>
          </Card>
        </Col>
      )}
    </Row>
  );
}

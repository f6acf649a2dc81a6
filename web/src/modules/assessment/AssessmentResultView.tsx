import { lazy, Suspense, useMemo } from 'react';
import { Descriptions, Empty, List, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import type { AssessmentResult } from './assessmentTypes.ts';
import { LevelRefTag } from './AssessmentTags.tsx';
import { dimensionBarOption } from './assessmentCharts.ts';
import { stdText } from './standardTypes.ts';
import { firedRuleText } from './ruleText.ts';

// ECharts only when a result is on screen.
const AssessmentChart = lazy(() => import('../../app/Chart.tsx'));

/**
 * The scored result (Appendix C on screen): the four dimension scores as a
 * chart and a table, total, initial and final level, and why the level changed.
 */
export function AssessmentResultView({ result }: { result: AssessmentResult | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dims = result?.dimensions ?? [];
  const option = useMemo(
    () =>
      dimensionBarOption(
        dims.map((d) => ({ name: stdText(d, lang), score: d.score, max: d.max })),
        { score: t('assessment.score'), max: t('assessment.max') },
      ),
    [dims, lang, t],
  );
  if (!result) return <Empty description={t('assessment.noResult')} />;

  return (
    <div data-testid="assessment-result">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'total',
            label: t('assessment.total'),
            children: (
              <strong data-testid="assessment-total">
                {result.total ?? '—'}
                {result.totalMax !== null ? ` / ${result.totalMax}` : ''}
              </strong>
            ),
          },
          {
            key: 'initial',
            label: t('assessment.initialLevel'),
            children: <LevelRefTag level={result.initialLevel} />,
          },
          {
            key: 'final',
            label: t('assessment.finalLevel'),
            children: (
              <span data-testid="assessment-final-level">
                <LevelRefTag level={result.finalLevel} /> {stdText(result.finalLevel, lang)}
              </span>
            ),
          },
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('assessment.dimensionScores')}
      </Typography.Title>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 280 }} />}>
        <AssessmentChart option={option} label={t('assessment.chartTitle')} testId="assessment-chart" />
      </Suspense>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={dims}
        data-testid="assessment-dimensions"
        columns={[
          {
            key: 'dim',
            title: t('assessment.dimension'),
            render: (_: unknown, d) => `${d.code} ${stdText(d, lang)}`,
          },
          {
            key: 'score',
            title: t('assessment.score'),
            dataIndex: 'score',
            render: (v: number | null) => v ?? '—',
          },
          {
            key: 'max',
            title: t('assessment.max'),
            dataIndex: 'max',
            render: (v: number | null) => v ?? '—',
          },
          ...(dims.some((d) => d.grade)
            ? [
                {
                  key: 'grade',
                  title: t('assessment.level'),
                  render: (_: unknown, d: (typeof dims)[number]) => (d.grade ? stdText(d.grade, lang) : '—'),
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('assessment.firedRules')}
      </Typography.Title>
      {result.firedRules.length === 0 ? (
        <Typography.Text type="secondary" data-testid="assessment-no-rules">
          {t('assessment.noRulesFired')}
        </Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          data-testid="assessment-rules"
          dataSource={result.firedRules}
          renderItem={(r) => (
            <List.Item>
              <span>
                {firedRuleText(r, currentLocale())}{' '}
                <Typography.Text type="secondary">（{r.clause}）</Typography.Text>{' '}
                <Tag>{r.applied ? t('assessment.ruleApplied') : t('assessment.ruleNotApplied')}</Tag>
              </span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

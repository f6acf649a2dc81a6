import { App, Button, Descriptions, Drawer, Popconfirm, Table, Tabs, Tag } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Caregiver, StaffCertificate, StaffLeave, StaffShift, StaffTraining } from '@yiyang/contracts';
import { isApiError } from '../../api/client.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { StatusTag } from '../layout/StatusTag.tsx';
import { BaseForm, CertificateForm, LeaveForm, ShiftForm, TrainingForm } from './CaregiverForms.tsx';
import { removeRecord, useCaregiver, type StaffRecord } from './staffApi.ts';

/** A delete button with a confirmation; the caregiver lists reload afterwards. */
function RemoveButton({
  userId,
  record,
  id,
  label,
}: {
  userId: string;
  record: StaffRecord;
  id: string;
  label: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => removeRecord(userId, record, id),
    onSuccess: () => {
      void message.success(t('staff.removed'));
      void queryClient.invalidateQueries({ queryKey: ['caregivers'] });
    },
    onError: (e) => void message.error(isApiError(e) ? e.detail : t('common.loadFailed')),
  });
  return (
    <Popconfirm title={t('staff.removeConfirm')} onConfirm={() => remove.mutate()}>
      <Button
        type="link"
        danger
        icon={<DeleteOutlined />}
        loading={remove.isPending}
        aria-label={`${label} ${id}`}
      >
        {label}
      </Button>
    </Popconfirm>
  );
}

function useColumns(userId: string, writable: boolean) {
  const { t } = useTranslation();
  const remove = (record: StaffRecord, label = t('staff.remove')) =>
    writable
      ? [
          {
            key: 'remove',
            title: t('common.actions'),
            width: 100,
            render: (_: unknown, r: { id: string }) => (
              <RemoveButton userId={userId} record={record} id={r.id} label={label} />
            ),
          },
        ]
      : [];
  const certificates = [
    {
      key: 'kind',
      title: t('staff.kind'),
      render: (_: unknown, c: StaffCertificate) =>
        `${t(`staff.kinds.${c.kind}`)}${c.level ? `（${t(`staff.levels.${c.level as 1}`)}）` : ''}`,
    },
    { key: 'number', title: t('staff.number'), dataIndex: 'number' },
    { key: 'issuedOn', title: t('staff.issuedOn'), dataIndex: 'issuedOn', width: 110 },
    {
      key: 'expiresOn',
      title: t('staff.expiresOn'),
      dataIndex: 'expiresOn',
      width: 110,
      render: (v: string | null) => v ?? t('staff.noExpiry'),
    },
    {
      key: 'valid',
      title: t('staff.status'),
      dataIndex: 'validToday',
      width: 80,
      render: (v: boolean) => <StatusTag active={v}>{v ? t('staff.valid') : t('staff.invalid')}</StatusTag>,
    },
    ...remove('certificates', t('staff.removeCertificate')),
  ];
  const trainings = [
    {
      key: 'kind',
      title: t('staff.trainingKind'),
      render: (_: unknown, r: StaffTraining) => <Tag>{t(`staff.trainingKinds.${r.kind}`)}</Tag>,
    },
    { key: 'topic', title: t('staff.topic'), dataIndex: 'topic' },
    { key: 'provider', title: t('staff.trainingProvider'), dataIndex: 'provider' },
    {
      key: 'dates',
      title: t('staff.startedOn'),
      render: (_: unknown, r: StaffTraining) => `${r.startedOn} – ${r.endedOn}`,
    },
    { key: 'hours', title: t('staff.hours'), dataIndex: 'hours', width: 70 },
    ...remove('trainings'),
  ];
  const shifts = [
    {
      key: 'weekday',
      title: t('staff.weekday'),
      render: (_: unknown, s: StaffShift) => t(`staff.weekdays.${s.weekday as 1}`),
    },
    { key: 'start', title: t('staff.start'), dataIndex: 'start' },
    { key: 'end', title: t('staff.end'), dataIndex: 'end' },
    ...remove('shifts'),
  ];
  const leaves = [
    { key: 'from', title: t('staff.from'), dataIndex: 'from' },
    { key: 'to', title: t('staff.to'), dataIndex: 'to' },
    { key: 'reason', title: t('staff.reason'), dataIndex: 'reason' },
    ...remove('leaves'),
  ];
  return { certificates, trainings, shifts, leaves };
}

/** One caregiver: certificates, training, shifts, leave and work base, each with its form. */
export function CaregiverDrawer({
  caregiver,
  onClose,
  writable,
}: {
  caregiver: Caregiver | null;
  onClose: () => void;
  writable: boolean;
}) {
  const { t } = useTranslation();
  const userId = caregiver?.userId ?? '';
  const q = useCaregiver(caregiver?.userId ?? null);
  const cols = useColumns(userId, writable);
  const d = q.data;
  const table = <R extends { id: string }>(rows: R[], columns: object[], testId: string) => (
    <Table<R>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={columns}
      data-testid={testId}
    />
  );
  return (
    <Drawer
      open={!!caregiver}
      onClose={onClose}
      size={880}
      destroyOnHidden
      title={caregiver ? t('staff.detailTitle', { name: caregiver.displayName }) : ''}
      data-testid="caregiver-drawer"
    >
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('staff.username')}>{d.username}</Descriptions.Item>
            <Descriptions.Item label={t('staff.provider')}>{d.organisationName}</Descriptions.Item>
            <Descriptions.Item label={t('staff.base')}>
              {d.base ? `${d.base.lat}, ${d.base.lng}` : t('staff.baseNotSet')}
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.trainingHours')}>
              {t('staff.hoursValue', { hours: d.trainingHours })}
            </Descriptions.Item>
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'certificates',
                label: t('staff.tabs.certificates'),
                children: (
                  <>
                    {table(d.certificates, cols.certificates, 'caregiver-certificates')}
                    {writable && <CertificateForm userId={userId} />}
                  </>
                ),
              },
              {
                key: 'trainings',
                label: t('staff.tabs.trainings'),
                children: (
                  <>
                    {table(d.trainings, cols.trainings, 'caregiver-trainings')}
                    {writable && <TrainingForm userId={userId} />}
                  </>
                ),
              },
              {
                key: 'shifts',
                label: t('staff.tabs.shifts'),
                children: (
                  <>
                    {table(d.shifts, cols.shifts, 'caregiver-shifts')}
                    {writable && <ShiftForm userId={userId} />}
                  </>
                ),
              },
              {
                key: 'leaves',
                label: t('staff.tabs.leaves'),
                children: (
                  <>
                    {table<StaffLeave>(d.leaves, cols.leaves, 'caregiver-leaves')}
                    {writable && <LeaveForm userId={userId} />}
                  </>
                ),
              },
              ...(writable
                ? [
                    {
                      key: 'base',
                      label: t('staff.tabs.base'),
                      children: <BaseForm userId={userId} base={d.base} />,
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

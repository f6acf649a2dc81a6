import { useState } from 'react';
import { Alert, Button, Empty, Input, Modal, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceHealthState, DeviceTaskKind } from '@yiyang/contracts';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { closeDeviceTask, fetchDeviceTasks, HEALTH_KEY, type DeviceTaskView } from './deviceHealthApi.ts';
import type { DeviceView } from './deviceTypes.ts';

// The theme's status colours, which meet the contrast rule (as alarmFormat.ts).
const HEALTH_COLOR: Record<DeviceHealthState, string> = {
  online: 'success',
  offline: 'error',
  unknown: 'default',
};
const TASK_COLOR: Record<DeviceTaskKind, string> = {
  offline: 'error',
  low_battery: 'warning',
  mains_fail: 'error',
};

/** Online / offline / never heard, as a tag (decision 029: offline past last seen + 2 × heartbeat + 60 s). */
export function HealthTag({ health }: { health: DeviceHealthState }) {
  const { t } = useTranslation();
  return (
    <Tag color={HEALTH_COLOR[health]} data-testid="device-health">
      {t(`device.health.${health}`)}
    </Tag>
  );
}

/** A device's open tasks (设备任务) as tags; a task folded into an area event says so. */
export function TaskTags({ tasks }: { tasks: DeviceView['openTasks'] }) {
  const { t } = useTranslation();
  if (tasks.length === 0) return <>—</>;
  return (
    <span data-testid="device-open-tasks">
      {tasks.map((x) => (
        <Tag key={x.id} color={TASK_COLOR[x.kind]}>
          {t(`device.taskKinds.${x.kind}`)}
          {x.areaEventId ? ` · ${t('device.inAreaEvent')}` : ''}
        </Tag>
      ))}
    </span>
  );
}

/**
 * 设备任务: the maintainer's queue of open tasks (offline, low battery, mains failure) of the region, tasks
 * folded into an area event left out (the seats handle those), each closable with a note.
 */
export function DeviceTasksQueue() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { regionCode } = useCurrentRegion();
  const [closing, setClosing] = useState<DeviceTaskView | null>(null);
  const q = useQuery({
    queryKey: [HEALTH_KEY, 'tasks', regionCode],
    queryFn: ({ signal }) => fetchDeviceTasks({ regionCode: regionCode ?? undefined }, signal),
  });
  return (
    <>
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      <Table<DeviceTaskView>
        rowKey="id"
        data-testid="device-task-table"
        loading={q.isPending && !q.error}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('device.noTasks')} /> }}
        columns={[
          {
            key: 'kind',
            title: t('device.taskKind'),
            dataIndex: 'kind',
            render: (k: DeviceTaskKind) => <Tag color={TASK_COLOR[k]}>{t(`device.taskKinds.${k}`)}</Tag>,
          },
          { key: 'serial', title: t('device.serial'), dataIndex: 'serial' },
          {
            key: 'signal',
            title: t('device.taskSince'),
            dataIndex: 'signalAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            key: 'opened',
            title: t('device.taskOpened'),
            dataIndex: 'openedAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            key: 'action',
            title: t('device.taskAction'),
            render: (_: unknown, row) => (
              <Button size="small" onClick={() => setClosing(row)} data-testid="device-task-close">
                {t('device.closeTask')}
              </Button>
            ),
          },
        ]}
      />
      <CloseTaskModal
        task={closing}
        onDone={() => {
          setClosing(null);
          void qc.invalidateQueries({ queryKey: [HEALTH_KEY] });
          void qc.invalidateQueries({ queryKey: ['devices'] });
        }}
        onCancel={() => setClosing(null)}
      />
    </>
  );
}

function CloseTaskModal({
  task,
  onDone,
  onCancel,
}: {
  task: DeviceTaskView | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await closeDeviceTask(task!.id, note.trim());
      setNote('');
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={task !== null}
      title={t('device.closeTask')}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={t('device.closeTask')}
      confirmLoading={busy}
      okButtonProps={{ disabled: note.trim() === '', id: 'device-task-confirm' }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon message={error} />}
        <Input.TextArea
          aria-label={t('device.closeNote')}
          placeholder={t('device.closeNote')}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          data-testid="device-task-note"
        />
      </Space>
    </Modal>
  );
}

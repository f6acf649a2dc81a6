import { useEffect, useState } from 'react';
import type { ButtonProps } from 'antd';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ELDER_STATUSES, type ElderStatus } from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { changeStatus, ELDERS_KEY } from './elderApi.ts';
import { todayCst } from './elderHelpers.ts';
import { useElderLabels } from './useElderLabels.ts';
import { FormError } from '../layout/PageErrors.tsx';
import { useRequired } from '../../app/rules.ts';

interface Values {
  status: ElderStatus;
  date: string;
  reason: string;
}

/** Status change (`POST /elders/{id}/status`); opened with `deceased` it is 登记死亡. */
export function StatusModal({
  elderId,
  current,
  preset,
  open,
  onClose,
}: {
  elderId: string;
  current: ElderStatus;
  preset: ElderStatus | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const labels = useElderLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = Form.useWatch('status', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.setFieldsValue({ status: preset ?? undefined, date: todayCst(), reason: '' });
  }, [open, preset, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await changeStatus(elderId, { status: v.status, date: v.date, reason: v.reason.trim() });
      void message.success(t('elder.statusChanged'));
      void queryClient.invalidateQueries({ queryKey: [ELDERS_KEY] });
      onClose();
    } catch (e) {
      const failure = showSubmitError(form, e, t('common.loadFailed'), ['status', 'date', 'reason']);
      setError(failure.stale ? t('elder.conflict') : failure.summary);
    } finally {
      setBusy(false);
    }
  };

  const death = status === 'deceased';
  return (
    <Modal
      open={open}
      title={preset === 'deceased' ? t('elder.registerDeath') : t('elder.statusTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: death, 'data-testid': 'elder-status-save' } as ButtonProps}
    >
      {(status === 'deceased' || status === 'moved_out') && (
        <Alert type="warning" showIcon title={t('elder.statusWarning')} style={{ marginBottom: 16 }} />
      )}
      <FormError error={error} />
      <Form<Values> form={form} layout="vertical" name="elder-status" onFinish={(v) => void submit(v)}>
        <Form.Item name="status" label={t('elder.statusNew')} rules={[choose(t('elder.statusNew'))]}>
          <Select
            data-testid="elder-status-select"
            options={ELDER_STATUSES.filter((s) => s !== current).map((s) => ({
              value: s,
              label: labels.status(s),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label={death ? t('elder.deathDate') : t('elder.statusDate')}
          rules={[choose(t('elder.statusDate'))]}
        >
          <Input type="date" max={todayCst()} data-testid="elder-status-date" />
        </Form.Item>
        <Form.Item name="reason" label={t('elder.statusReason')} rules={[enter(t('elder.statusReason'))]}>
          <Input.TextArea rows={2} maxLength={200} data-testid="elder-status-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Space, type FormInstance } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CAREGIVER_LEVELS,
  CERTIFICATE_KINDS,
  TRAINING_KINDS,
  WEEKDAYS,
  type StaffBase,
  type StaffCertificateCreateBody,
  type StaffLeaveCreateBody,
  type StaffShiftCreateBody,
  type StaffTrainingCreateBody,
} from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { useRequired } from '../../app/rules.ts';
import { FormError } from '../layout/PageErrors.tsx';
import { addCertificate, addLeave, addShift, addTraining, setBase } from './staffApi.ts';

/** Submits one form to the API: on success the caregiver lists reload; field errors land under their inputs. */
function useSave<V extends object>(
  form: FormInstance<V>,
  send: (v: V) => Promise<unknown>,
  fields: string[],
  reset = true,
) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: send,
    onSuccess: () => {
      setError(null);
      void message.success(t('staff.saved'));
      if (reset) form.resetFields();
      void queryClient.invalidateQueries({ queryKey: ['caregivers'] });
    },
    onError: (e) => setError(showSubmitError(form, e, t('common.loadFailed'), fields).summary),
  });
  return { save, error };
}

const blank = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

export function CertificateForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const [form] = Form.useForm<StaffCertificateCreateBody>();
  const kind = Form.useWatch('kind', form);
  const { save, error } = useSave(
    form,
    (v) => addCertificate(userId, { ...v, issuer: blank(v.issuer), expiresOn: v.expiresOn || null }),
    ['kind', 'level', 'number', 'issuer', 'issuedOn', 'expiresOn'],
  );
  return (
    <Form
      form={form}
      layout="vertical"
      name="certificate"
      onFinish={(v) => save.mutate(v)}
      data-testid="certificate-form"
    >
      <FormError error={error} />
      <Space wrap align="start">
        <Form.Item name="kind" label={t('staff.kind')} rules={[choose(t('staff.kind'))]}>
          <Select
            style={{ width: 180 }}
            data-testid="certificate-kind"
            options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: t(`staff.kinds.${k}`) }))}
          />
        </Form.Item>
        {kind === 'caregiver' && (
          <Form.Item name="level" label={t('staff.level')} rules={[choose(t('staff.level'))]}>
            <Select
              style={{ width: 180 }}
              data-testid="certificate-level"
              options={CAREGIVER_LEVELS.map((l) => ({ value: l, label: t(`staff.levels.${l}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="number" label={t('staff.number')} rules={[enter(t('staff.number'))]}>
          <Input maxLength={60} data-testid="certificate-number" />
        </Form.Item>
        <Form.Item name="issuer" label={t('staff.issuer')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('staff.issuedOn')} rules={[choose(t('staff.issuedOn'))]}>
          <Input type="date" data-testid="certificate-issued" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('staff.expiresOn')}>
          <Input type="date" data-testid="certificate-expires" />
        </Form.Item>
      </Space>
      <Button
        type="primary"
        htmlType="submit"
        icon={<PlusOutlined />}
        loading={save.isPending}
        data-testid="certificate-add"
      >
        {t('staff.addCertificate')}
      </Button>
    </Form>
  );
}

export function TrainingForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const [form] = Form.useForm<StaffTrainingCreateBody>();
  const { save, error } = useSave(form, (v) => addTraining(userId, { ...v, provider: blank(v.provider) }), [
    'kind',
    'topic',
    'provider',
    'startedOn',
    'endedOn',
    'hours',
  ]);
  return (
    <Form
      form={form}
      layout="vertical"
      name="training"
      onFinish={(v) => save.mutate(v)}
      data-testid="training-form"
    >
      <FormError error={error} />
      <Space wrap align="start">
        <Form.Item name="kind" label={t('staff.trainingKind')} rules={[choose(t('staff.trainingKind'))]}>
          <Select
            style={{ width: 160 }}
            data-testid="training-kind"
            options={TRAINING_KINDS.map((k) => ({ value: k, label: t(`staff.trainingKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="topic" label={t('staff.topic')} rules={[enter(t('staff.topic'))]}>
          <Input maxLength={100} style={{ width: 260 }} data-testid="training-topic" />
        </Form.Item>
        <Form.Item name="provider" label={t('staff.trainingProvider')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="startedOn" label={t('staff.startedOn')} rules={[choose(t('staff.startedOn'))]}>
          <Input type="date" data-testid="training-started" />
        </Form.Item>
        <Form.Item name="endedOn" label={t('staff.endedOn')} rules={[choose(t('staff.endedOn'))]}>
          <Input type="date" data-testid="training-ended" />
        </Form.Item>
        <Form.Item name="hours" label={t('staff.hours')} rules={[enter(t('staff.hours'))]}>
          <InputNumber min={0.5} max={2000} step={0.5} data-testid="training-hours" />
        </Form.Item>
      </Space>
      <Button
        type="primary"
        htmlType="submit"
        icon={<PlusOutlined />}
        loading={save.isPending}
        data-testid="training-add"
      >
        {t('staff.addTraining')}
      </Button>
    </Form>
  );
}

export function ShiftForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { choose } = useRequired();
  const [form] = Form.useForm<StaffShiftCreateBody>();
  const { save, error } = useSave(form, (v) => addShift(userId, v), ['weekday', 'start', 'end']);
  return (
    <Form
      form={form}
      layout="vertical"
      name="shift"
      onFinish={(v) => save.mutate(v)}
      data-testid="shift-form"
    >
      <FormError error={error} />
      <Space wrap align="start">
        <Form.Item name="weekday" label={t('staff.weekday')} rules={[choose(t('staff.weekday'))]}>
          <Select
            style={{ width: 120 }}
            data-testid="shift-weekday"
            options={WEEKDAYS.map((d) => ({ value: d, label: t(`staff.weekdays.${d}`) }))}
          />
        </Form.Item>
        <Form.Item name="start" label={t('staff.start')} rules={[choose(t('staff.start'))]}>
          <Input type="time" data-testid="shift-start" />
        </Form.Item>
        <Form.Item name="end" label={t('staff.end')} rules={[choose(t('staff.end'))]}>
          <Input type="time" data-testid="shift-end" />
        </Form.Item>
      </Space>
      <Button
        type="primary"
        htmlType="submit"
        icon={<PlusOutlined />}
        loading={save.isPending}
        data-testid="shift-add"
      >
        {t('staff.addShift')}
      </Button>
    </Form>
  );
}

export function LeaveForm({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const [form] = Form.useForm<StaffLeaveCreateBody>();
  const { save, error } = useSave(form, (v) => addLeave(userId, v), ['from', 'to', 'reason']);
  return (
    <Form
      form={form}
      layout="vertical"
      name="leave"
      onFinish={(v) => save.mutate(v)}
      data-testid="leave-form"
    >
      <FormError error={error} />
      <Space wrap align="start">
        <Form.Item name="from" label={t('staff.from')} rules={[choose(t('staff.from'))]}>
          <Input type="date" data-testid="leave-from" />
        </Form.Item>
        <Form.Item name="to" label={t('staff.to')} rules={[choose(t('staff.to'))]}>
          <Input type="date" data-testid="leave-to" />
        </Form.Item>
        <Form.Item name="reason" label={t('staff.reason')} rules={[enter(t('staff.reason'))]}>
          <Input maxLength={200} style={{ width: 260 }} data-testid="leave-reason" />
        </Form.Item>
      </Space>
      <Button
        type="primary"
        htmlType="submit"
        icon={<PlusOutlined />}
        loading={save.isPending}
        data-testid="leave-add"
      >
        {t('staff.addLeave')}
      </Button>
    </Form>
  );
}

export function BaseForm({ userId, base }: { userId: string; base: StaffBase | null }) {
  const { t } = useTranslation();
  const { enter } = useRequired();
  const [form] = Form.useForm<StaffBase>();
  const { save, error } = useSave(form, (v) => setBase(userId, v), ['lat', 'lng'], false);
  return (
    <Form
      form={form}
      layout="vertical"
      name="base"
      initialValues={base ?? undefined}
      onFinish={(v) => save.mutate(v)}
      data-testid="base-form"
    >
      <FormError error={error} />
      <p>{t('staff.baseHint')}</p>
      <Space wrap align="start">
        <Form.Item name="lat" label={t('staff.lat')} rules={[enter(t('staff.lat'))]}>
          <InputNumber min={-90} max={90} step={0.001} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="lng" label={t('staff.lng')} rules={[enter(t('staff.lng'))]}>
          <InputNumber min={-180} max={180} step={0.001} style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('staff.saveBase')}
      </Button>
    </Form>
  );
}

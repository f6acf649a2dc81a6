import { useState } from 'react';
import { Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES } from '@yiyang/contracts';
import { errorText } from '../../app/errorText.ts';
import {} from '../../app/format.ts';
import {} from '../../app/session.tsx';
import { useRequired } from '../../app/rules.ts';
import { ElderPicker } from '../assessment/ElderPicker.tsx';
import {} from '../layout/PageErrors.tsx';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { FEEDBACK_KEY, fileComplaint } from './feedbackApi.ts';

/** 登记投诉: a seat or worker takes a complaint about an elder's service. */
export function ComplaintFileModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { regionCode } = useCurrentRegion();
  const [form] = Form.useForm();
  const { enter, choose } = useRequired();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, string | undefined>;
    setError(null);
    try {
      await fileComplaint(
        Object.fromEntries(Object.entries({ ...v, channel: v.channel ?? 'hotline' }).filter(([, x]) => x)),
      );
      await qc.invalidateQueries({ queryKey: [FEEDBACK_KEY] });
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open
      title={t('feedback.newComplaint')}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ ...{ 'data-testid': 'complaint-file-ok' } }}
    >
      <Form form={form} layout="vertical" initialValues={{ channel: 'hotline' }}>
        <Form.Item name="elderId" label={t('feedback.elder')} rules={[choose(t('feedback.elder'))]}>
          <ElderPicker regionCode={regionCode} testId="complaint-elder" />
        </Form.Item>
        <Form.Item name="category" label={t('feedback.category')} rules={[choose(t('feedback.category'))]}>
          <Select
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`feedback.categories.${c}`) }))}
            data-testid="complaint-category"
          />
        </Form.Item>
        <Form.Item name="channel" label={t('feedback.channel')}>
          <Radio.Group
            options={(['hotline', 'in_person'] as const).map((c) => ({
              value: c,
              label: t(`feedback.channels.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('feedback.description')}
          rules={[enter(t('feedback.description'))]}
        >
          <Input.TextArea rows={3} data-testid="complaint-description" />
        </Form.Item>
        <Form.Item name="complainantName" label={t('feedback.complainantName')}>
          <Input />
        </Form.Item>
        <Form.Item name="complainantPhone" label={t('feedback.complainantPhone')}>
          <Input />
        </Form.Item>
      </Form>
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}

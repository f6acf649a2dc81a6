import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showSubmitError } from '../../api/formErrors.ts';
import { FormError } from '../layout/PageErrors.tsx';

/** A command that needs a written reason (dispute, cancel). */
export function ReasonModal({
  open,
  title,
  hint,
  okText,
  danger,
  testId,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  hint?: string;
  okText: string;
  danger?: boolean;
  testId: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger, loading: busy, ...{ 'data-testid': `${testId}-submit` } }}
      destroyOnHidden
    >
      {hint && <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />}
      <FormError error={error} />
      <Form
        form={form}
        layout="vertical"
        data-testid={testId}
        onFinish={async ({ reason }) => {
          setBusy(true);
          setError(null);
          try {
            await onSubmit(reason.trim());
            onClose();
          } catch (e) {
            setError(showSubmitError(form, e, t('common.loadFailed'), ['reason']).summary);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="reason"
          label={t('assessment.reasonText')}
          rules={[{ required: true, min: 4, whitespace: true, message: t('assessment.reasonMin') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ELDER_REVEAL_FIELDS, type ElderRevealField } from '@yiyang/contracts';
import { isApiError } from '../../api/client.ts';
import { applyFieldErrors } from '../../api/formErrors.ts';
import { revealElder } from './elderApi.ts';
import type { RevealedValues } from './elderTypes.ts';
import { FormError } from '../layout/PageErrors.tsx';

interface Values {
  reason: string;
  fields: ElderRevealField[];
}

/**
 * Asks for a reason, then fetches the full values (STANDARDS.md §7). The
 * result goes to the caller's state only: never into the query cache.
 */
export function RevealModal({
  elderId,
  open,
  onClose,
  onRevealed,
}: {
  elderId: string;
  open: boolean;
  onClose: () => void;
  onRevealed: (values: RevealedValues) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const values = await revealElder(elderId, { reason: v.reason.trim(), fields: v.fields });
      onRevealed(values);
      form.resetFields();
      onClose();
    } catch (e) {
      if (isApiError(e)) {
        applyFieldErrors(form, e, ['reason', 'fields']);
        setError(e.detail);
      } else setError(t('common.loadFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('elder.revealTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('elder.reveal')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'elder-reveal-confirm' } as ButtonProps}
    >
      <Alert type="info" showIcon title={t('elder.revealHint')} style={{ marginBottom: 16 }} />
      <FormError error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        name="elder-reveal"
        initialValues={{ fields: [...ELDER_REVEAL_FIELDS], reason: '' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="fields"
          label={t('elder.revealFields')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('common.required', { field: t('elder.revealFields') }),
            },
          ]}
        >
          <Checkbox.Group
            options={ELDER_REVEAL_FIELDS.map((f) => ({ value: f, label: t(`elder.revealFieldNames.${f}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('elder.revealReason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 4,
              message: t('common.required', { field: t('elder.revealReason') }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="elder-reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

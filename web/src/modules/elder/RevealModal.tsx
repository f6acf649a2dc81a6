import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ELDER_REVEAL_FIELDS, type ElderRevealField } from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { revealElder } from './elderApi.ts';
import type { RevealView } from '@yiyang/contracts';
import { FormError } from '../layout/PageErrors.tsx';
import { useRequired } from '../../app/rules.ts';

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
  onRevealed: (values: RevealView) => void;
}) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
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
      setError(showSubmitError(form, e, t('common.loadFailed'), ['reason', 'fields']).summary);
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
          rules={[{ ...choose(t('elder.revealFields')), type: 'array', min: 1 }]}
        >
          <Checkbox.Group
            options={ELDER_REVEAL_FIELDS.map((f) => ({ value: f, label: t(`elder.revealFieldNames.${f}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('elder.revealReason')}
          rules={[
            enter(t('elder.revealReason')),
            // The server's rule (a reason of at least 4 characters), said as such.
            { min: 4, message: t('elder.revealReasonMin') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="elder-reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

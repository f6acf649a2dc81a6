import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showSubmitError } from '../../api/formErrors.ts';
import type { UserView } from '@yiyang/contracts';
import { resetPassword } from './userApi.ts';
import { FormError } from '../layout/PageErrors.tsx';
import { useRequired } from '../../app/rules.ts';

export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { enter } = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (password: string) => resetPassword(user!.id, password),
    onSuccess: () => {
      void message.success(t('user.passwordReset'));
      onClose();
    },
    onError: (e) => {
      setError(showSubmitError(form, e, t('common.loadFailed'), ['password']).summary);
    },
  });

  return (
    <Modal
      open={!!user}
      title={user ? t('user.resetPasswordTitle', { name: user.displayName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o) {
          form.resetFields();
          setError(null);
        }
      }}
    >
      <FormError error={error} />
      <Form form={form} name="reset-password" layout="vertical" onFinish={(v) => save.mutate(v.password)}>
        <Form.Item
          name="password"
          label={t('user.newPassword')}
          extra={t('user.passwordHint')}
          rules={[enter(t('user.newPassword'))]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-password-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

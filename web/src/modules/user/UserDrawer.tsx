import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showSubmitError } from '../../api/formErrors.ts';
import type {
  RoleCode,
  RoleView,
  UserCreateBody,
  UserUpdateBody,
  UserView,
  UserStatus,
} from '@yiyang/contracts';
import { RegionTreeSelect } from '../region/RegionTreeSelect.tsx';
import { OrganisationSelect } from '../organisation/OrganisationSelect.tsx';
import { createUser, updateUser } from './userApi.ts';
import { FormError } from '../layout/PageErrors.tsx';
import { useRequired } from '../../app/rules.ts';

interface FormValues {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  roles: RoleCode[];
  regionCode?: string | null;
  organisationId?: string | null;
  status: UserStatus;
}
const FIELDS = [
  'username',
  'displayName',
  'password',
  'phone',
  'roles',
  'regionCode',
  'organisationId',
  'status',
];

/** Create (`user` null) or edit a user. */
export function UserDrawer({
  open,
  user,
  roles,
  defaultRegionCode,
  onClose,
}: {
  open: boolean;
  user: UserView | null;
  roles: RoleView[];
  defaultRegionCode: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      user
        ? {
            displayName: user.displayName,
            roles: user.roles as RoleCode[],
            regionCode: user.regionCode,
            organisationId: user.organisationId,
            status: user.status,
          }
        : { roles: [], regionCode: defaultRegionCode, status: 'active' },
    );
  }, [open, user, defaultRegionCode, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const phone = v.phone?.trim() || undefined;
      if (user) {
        const body: UserUpdateBody = {
          displayName: v.displayName.trim(),
          roles: v.roles,
          regionCode: v.regionCode ?? null,
          organisationId: v.organisationId ?? null,
          status: v.status,
          ...(phone ? { phone } : {}),
        };
        return updateUser(user.id, body);
      }
      const body: UserCreateBody = {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        roles: v.roles,
        ...(phone ? { phone } : {}),
        ...(v.regionCode ? { regionCode: v.regionCode } : {}),
        ...(v.organisationId ? { organisationId: v.organisationId } : {}),
      };
      return createUser(body);
    },
    onSuccess: () => {
      void message.success(user ? t('user.updated') : t('user.created'));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => {
      setError(showSubmitError(form, e, t('common.loadFailed'), FIELDS).summary);
    },
  });

  const { enter, choose } = useRequired();

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={user ? t('user.editTitle') : t('user.createTitle')}
      size={520}
      destroyOnHidden
      data-testid="user-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="user-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={error} />
      <Form<FormValues>
        form={form}
        name="user"
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        data-testid="user-form"
      >
        {user ? (
          <Form.Item label={t('user.username')}>
            <Input value={user.username} disabled aria-label={t('user.username')} />
          </Form.Item>
        ) : (
          <Form.Item name="username" label={t('user.username')} rules={[enter(t('user.username'))]}>
            <Input maxLength={64} autoComplete="off" data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('user.displayName')} rules={[enter(t('user.displayName'))]}>
          <Input maxLength={50} data-testid="user-display-name" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('user.password')}
            extra={t('user.passwordHint')}
            rules={[enter(t('user.password'))]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('user.phone')}>
          <Input
            inputMode="tel"
            maxLength={20}
            placeholder={user?.phoneMasked ?? undefined}
            data-testid="user-phone"
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('user.roles')}
          rules={[{ ...choose(t('user.roles')), type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            data-testid="user-roles"
            options={roles.map((r) => ({ value: r.code, label: r.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('user.region')} extra={t('user.bindingHint')}>
          <RegionTreeSelect
            testId="user-region"
            ariaLabel={t('user.region')}
            valueLabel={user?.regionName ?? null}
            allowClear
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="organisationId" label={t('user.organisation')}>
          <OrganisationSelect
            testId="user-organisation"
            ariaLabel={t('user.organisation')}
            valueLabel={user?.organisationName ?? null}
            style={{ width: '100%' }}
          />
        </Form.Item>
        {user && (
          <Form.Item name="status" label={t('user.status')}>
            <Select
              data-testid="user-status"
              options={(['active', 'disabled'] as const).map((v) => ({
                value: v,
                label: t(`user.statusValues.${v}`),
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

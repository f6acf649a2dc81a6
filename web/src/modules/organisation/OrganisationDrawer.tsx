import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showSubmitError } from '../../api/formErrors.ts';
import {
  OPERATING_MODES,
  ORGANISATION_STATUSES,
  ORGANISATION_TYPES,
  type OrganisationView,
  type OrganisationCreateBody,
  type OrganisationStatus,
  type OrganisationType,
} from '@yiyang/contracts';
import { RegionTreeSelect } from '../region/RegionTreeSelect.tsx';
import { createOrganisation, updateOrganisation } from './organisationApi.ts';
import { FormError } from '../layout/PageErrors.tsx';
import { useRequired } from '../../app/rules.ts';

type FormValues = {
  name: string;
  type: OrganisationType;
  creditCode?: string;
  regionCode: string;
  operatingMode?: OrganisationCreateBody['operatingMode'];
  contactName?: string;
  contactPhone?: string;
  status?: OrganisationStatus;
};
const FIELDS = [
  'name',
  'type',
  'creditCode',
  'regionCode',
  'operatingMode',
  'contactName',
  'contactPhone',
  'status',
];

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Create (`organisation` null) or edit an organisation; server field errors land under their inputs. */
export function OrganisationDrawer({
  open,
  organisation,
  defaultRegionCode,
  onClose,
}: {
  open: boolean;
  organisation: OrganisationView | null;
  defaultRegionCode: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      organisation
        ? {
            name: organisation.name,
            type: organisation.type,
            creditCode: organisation.creditCode ?? '',
            regionCode: organisation.regionCode,
            operatingMode: organisation.operatingMode,
            contactName: organisation.contactName ?? '',
            status: organisation.status,
          }
        : { type: 'provider', regionCode: defaultRegionCode ?? undefined },
    );
  }, [open, organisation, defaultRegionCode, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body: OrganisationCreateBody = {
        name: v.name.trim(),
        type: v.type,
        creditCode: blankToNull(v.creditCode),
        regionCode: v.regionCode,
        operatingMode: v.type === 'provider' ? (v.operatingMode ?? null) : null,
        contactName: blankToNull(v.contactName),
      };
      // The stored phone is only shown masked: an empty input on edit keeps it.
      const phone = blankToNull(v.contactPhone);
      if (phone || !organisation) body.contactPhone = phone;
      return organisation
        ? updateOrganisation(organisation.id, { ...body, ...(v.status ? { status: v.status } : {}) })
        : createOrganisation(body);
    },
    onSuccess: () => {
      void message.success(organisation ? t('organisation.updated') : t('organisation.created'));
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
      void queryClient.invalidateQueries({ queryKey: ['organisation-options'] });
      onClose();
    },
    onError: (e) => {
      setError(showSubmitError(form, e, t('common.loadFailed'), FIELDS).summary);
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={organisation ? t('organisation.editTitle') : t('organisation.createTitle')}
      size={520}
      destroyOnHidden
      data-testid="organisation-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="organisation-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={error} />
      <Form<FormValues>
        form={form}
        name="organisation"
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        data-testid="organisation-form"
      >
        <Form.Item name="name" label={t('organisation.name')} rules={[enter(t('organisation.name'))]}>
          <Input maxLength={100} data-testid="organisation-name" />
        </Form.Item>
        <Form.Item name="type" label={t('organisation.type')} rules={[choose(t('organisation.type'))]}>
          <Select
            data-testid="organisation-type"
            options={ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`organisation.types.${v}`) }))}
          />
        </Form.Item>
        {type === 'provider' && (
          <Form.Item name="operatingMode" label={t('organisation.operatingMode')}>
            <Select
              allowClear
              data-testid="organisation-operating-mode"
              options={OPERATING_MODES.map((v) => ({ value: v, label: t(`organisation.modes.${v}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="creditCode" label={t('organisation.creditCode')}>
          <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="organisation-credit-code" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('organisation.region')}
          rules={[choose(t('organisation.region'))]}
        >
          <RegionTreeSelect
            testId="organisation-region"
            ariaLabel={t('organisation.region')}
            valueLabel={organisation?.regionName ?? null}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="contactName" label={t('organisation.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('organisation.contactPhone')}>
          <Input
            maxLength={20}
            inputMode="tel"
            placeholder={organisation?.contactPhoneMasked ?? undefined}
            data-testid="organisation-contact-phone"
          />
        </Form.Item>
        {organisation && (
          <Form.Item name="status" label={t('organisation.status')}>
            <Select
              data-testid="organisation-status"
              options={ORGANISATION_STATUSES.map((v) => ({
                value: v,
                label: t(`organisation.statusValues.${v}`),
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

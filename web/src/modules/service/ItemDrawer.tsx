import { useEffect, useState } from 'react';
import { App, Button, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ELDER_PAY_CATEGORIES,
  ELDER_PAY_CATEGORY_LABELS,
  NO_PHOTO_SUB_ITEMS,
  PAY_RULE_KINDS,
  PAY_RULE_KIND_LABELS,
  SERVICE_CATEGORIES,
  SERVICE_CATEGORY_LABELS,
  SERVICE_CREDENTIAL_KINDS,
  SERVICE_SUB_ITEMS,
  SERVICE_SUB_ITEM_LABELS,
  SERVICE_UNITS,
  SERVICE_UNIT_LABELS,
  type ElderPayCategory,
  type PayRule,
  type PayRuleKind,
  type ServiceCategory,
  type ServiceCredentialKind,
  type ServiceItemCreateBody,
  type ServiceItemUpdateBody,
  type ServiceItemView,
  type ServiceSubItem,
  type ServiceUnit,
} from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { useRequired } from '../../app/rules.ts';
import { FormError } from '../layout/PageErrors.tsx';
import { createItem, updateItem, useLabel } from './serviceApi.ts';

type RuleFields = { kind?: PayRuleKind; amountCents?: number; percent?: number };
type FormValues = {
  code: string;
  category: ServiceCategory;
  subItem: ServiceSubItem;
  name: string;
  nameEn: string;
  description?: string;
  unit: ServiceUnit;
  durationMinutes: number;
  /** Yuan in the form, cents on the wire. */
  priceCents: number;
  requiredCredentials: ServiceCredentialKind[];
  photosAllowed: boolean;
  payRules: Partial<Record<ElderPayCategory, RuleFields>>;
  validFrom: string;
  validTo?: string;
  effectiveFrom?: string;
};
const FIELDS = [
  'code',
  'category',
  'subItem',
  'name',
  'nameEn',
  'description',
  'unit',
  'durationMinutes',
  'priceCents',
  'requiredCredentials',
  'photosAllowed',
  'payRules',
  'validFrom',
  'validTo',
  'effectiveFrom',
];

const toCents = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100);

function rulesOut(fields: FormValues['payRules']): Partial<Record<ElderPayCategory, PayRule>> {
  const out: Partial<Record<ElderPayCategory, PayRule>> = {};
  for (const c of ELDER_PAY_CATEGORIES) {
    const f = fields[c];
    if (!f?.kind) continue;
    out[c] =
      f.kind === 'subsidy'
        ? { kind: 'subsidy', amountCents: toCents(f.amountCents) }
        : f.kind === 'share'
          ? { kind: 'share', percent: f.percent ?? 0 }
          : { kind: f.kind };
  }
  return out;
}

function rulesIn(rules: ServiceItemView['payRules']): FormValues['payRules'] {
  const out: FormValues['payRules'] = {};
  for (const [c, r] of Object.entries(rules) as [ElderPayCategory, PayRule][])
    out[c] = {
      kind: r.kind,
      ...(r.kind === 'subsidy' ? { amountCents: r.amountCents / 100 } : {}),
      ...(r.kind === 'share' ? { percent: r.percent } : {}),
    };
  return out;
}

/** The edit body: descriptive fields always; money fields only when changed (a new version from a date). */
function updateBody(item: ServiceItemView, v: FormValues): ServiceItemUpdateBody {
  const body: ServiceItemUpdateBody = {
    version: item.version,
    name: v.name,
    nameEn: v.nameEn,
    description: v.description?.trim() || null,
    requiredCredentials: v.requiredCredentials,
    photosAllowed: v.photosAllowed,
    validTo: v.validTo || null,
  };
  const rules = rulesOut(v.payRules);
  if (toCents(v.priceCents) !== item.priceCents) body.priceCents = toCents(v.priceCents);
  if (v.unit !== item.unit) body.unit = v.unit;
  if (v.durationMinutes !== item.durationMinutes) body.durationMinutes = v.durationMinutes;
  if (JSON.stringify(rules) !== JSON.stringify(item.payRules)) body.payRules = rules;
  if (v.effectiveFrom) body.effectiveFrom = v.effectiveFrom;
  return body;
}

/** Create or edit a catalogue item, with what each elder category pays. */
export function ItemDrawer({
  open,
  item,
  districtCode,
  onClose,
}: {
  open: boolean;
  item: ServiceItemView | null;
  districtCode: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const L = useLabel();
  const { enter, choose } = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const category = Form.useWatch('category', form);
  const subItem = Form.useWatch('subItem', form);
  const rules = Form.useWatch('payRules', form);
  const noPhotos = !!subItem && NO_PHOTO_SUB_ITEMS.includes(subItem);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      item
        ? {
            ...item,
            description: item.description ?? '',
            priceCents: item.priceCents / 100,
            requiredCredentials: item.requiredCredentials as ServiceCredentialKind[],
            payRules: rulesIn(item.payRules),
            validTo: item.validTo ?? '',
          }
        : { unit: 'visit', durationMinutes: 60, requiredCredentials: [], photosAllowed: false, payRules: {} },
    );
  }, [open, item, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      if (item) return updateItem(item.id, updateBody(item, v));
      const body: ServiceItemCreateBody = {
        districtCode: districtCode ?? '',
        code: v.code.trim().toUpperCase(),
        category: v.category,
        subItem: v.subItem,
        name: v.name,
        nameEn: v.nameEn,
        description: v.description?.trim() || null,
        unit: v.unit,
        durationMinutes: v.durationMinutes,
        priceCents: toCents(v.priceCents),
        requiredCredentials: v.requiredCredentials,
        photosAllowed: v.photosAllowed,
        payRules: rulesOut(v.payRules),
        validFrom: v.validFrom,
        validTo: v.validTo || null,
      };
      return createItem(body);
    },
    onSuccess: () => {
      void message.success(t('service.catalogue.saved'));
      void queryClient.invalidateQueries({ queryKey: ['service-items'] });
      onClose();
    },
    onError: (e) => setError(showSubmitError(form, e, t('common.loadFailed'), FIELDS).summary),
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={item ? t('service.catalogue.editTitle') : t('service.catalogue.createTitle')}
      size={640}
      destroyOnHidden
      data-testid="service-item-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="service-item-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={error} />
      <Form<FormValues> form={form} name="service-item" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Space wrap>
          <Form.Item
            name="code"
            label={t('service.catalogue.code')}
            rules={[enter(t('service.catalogue.code'))]}
          >
            <Input disabled={!!item} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name="category"
            label={t('service.catalogue.category')}
            rules={[choose(t('service.catalogue.category'))]}
          >
            <Select
              disabled={!!item}
              style={{ width: 220 }}
              onChange={() => form.setFieldValue('subItem', undefined)}
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: L(SERVICE_CATEGORY_LABELS[c]) }))}
            />
          </Form.Item>
          <Form.Item
            name="subItem"
            label={t('service.catalogue.subItem')}
            rules={[choose(t('service.catalogue.subItem'))]}
          >
            <Select
              disabled={!!item || !category}
              style={{ width: 180 }}
              options={(category ? SERVICE_SUB_ITEMS[category] : []).map((s) => ({
                value: s,
                label: L(SERVICE_SUB_ITEM_LABELS[s]),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="name"
          label={t('service.catalogue.name')}
          rules={[enter(t('service.catalogue.name'))]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('service.catalogue.nameEn')}
          rules={[enter(t('service.catalogue.nameEn'))]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={t('service.catalogue.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="priceCents"
            label={`${t('service.catalogue.price')}（¥）`}
            rules={[enter(t('service.catalogue.price'))]}
          >
            <InputNumber min={0} step={1} precision={2} />
          </Form.Item>
          <Form.Item name="unit" label={t('service.catalogue.unit')}>
            <Select
              style={{ width: 100 }}
              options={SERVICE_UNITS.map((u) => ({ value: u, label: L(SERVICE_UNIT_LABELS[u]) }))}
            />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('service.catalogue.duration')}>
            <InputNumber min={1} max={1440} addonAfter="min" />
          </Form.Item>
        </Space>
        <Form.Item name="requiredCredentials" label={t('service.catalogue.credentials')}>
          <Select
            mode="multiple"
            options={SERVICE_CREDENTIAL_KINDS.map((k) => ({
              value: k,
              label: t(`service.credentials.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="photosAllowed" label={t('service.catalogue.photos')} valuePropName="checked">
          <Switch disabled={noPhotos} aria-label={t('service.catalogue.photosAllowed')} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('service.catalogue.pays')}
        </Typography.Title>
        {ELDER_PAY_CATEGORIES.map((c) => (
          <Space key={c} wrap align="baseline">
            <span style={{ display: 'inline-block', width: 150 }}>{L(ELDER_PAY_CATEGORY_LABELS[c])}</span>
            <Form.Item name={['payRules', c, 'kind']} aria-label={L(ELDER_PAY_CATEGORY_LABELS[c])}>
              <Select
                allowClear
                style={{ width: 150 }}
                placeholder={L(PAY_RULE_KIND_LABELS.full)}
                options={PAY_RULE_KINDS.map((k) => ({ value: k, label: L(PAY_RULE_KIND_LABELS[k]) }))}
              />
            </Form.Item>
            {rules?.[c]?.kind === 'subsidy' && (
              <Form.Item name={['payRules', c, 'amountCents']} label={t('service.catalogue.amount')}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
            )}
            {rules?.[c]?.kind === 'share' && (
              <Form.Item name={['payRules', c, 'percent']} label={t('service.catalogue.percent')}>
                <InputNumber min={0} max={100} />
              </Form.Item>
            )}
          </Space>
        ))}
        <Space wrap>
          <Form.Item
            name="validFrom"
            label={t('service.catalogue.validFrom')}
            rules={[choose(t('service.catalogue.validFrom'))]}
          >
            <Input type="date" disabled={!!item} />
          </Form.Item>
          <Form.Item name="validTo" label={t('service.catalogue.validTo')}>
            <Input type="date" />
          </Form.Item>
          {item && (
            <Form.Item
              name="effectiveFrom"
              label={t('service.catalogue.effectiveFrom')}
              extra={t('service.catalogue.effectiveHelp')}
            >
              <Input type="date" />
            </Form.Item>
          )}
        </Space>
      </Form>
    </Drawer>
  );
}

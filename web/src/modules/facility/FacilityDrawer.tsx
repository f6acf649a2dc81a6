import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  FACILITY_TIER_LABELS,
  FACILITY_TIERS,
  FACILITY_ZONE_LABELS,
  FACILITY_ZONES,
  OPERATING_MODES,
  type FacilityTier,
  type FacilityZone,
} from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { showSubmitError } from '../../api/formErrors.ts';
import { useRequired } from '../../app/rules.ts';
import { RegionTreeSelect } from '../region/RegionTreeSelect.tsx';
import { OrganisationSelect } from '../organisation/OrganisationSelect.tsx';
import { FormError, LoadError } from '../layout/PageErrors.tsx';
import type { FacilityDetail } from './facilityTypes.ts';

const FIELDS = ['tier', 'name', 'regionCode', 'address', 'lat', 'lng', 'floorAreaM2', 'beds', 'nursingBeds'];
const EDITABLE = [
  ...FIELDS,
  'zones',
  'operatorOrgId',
  'operatingMode',
  'status',
  'plannedYear',
  'openingHours',
] as const;
// Text contrast ≥ 4.5:1 (antd's preset green and gold are not), as layout/StatusTag.tsx.
const TAG_OK = { color: '#1b5e20', background: '#edf7ed', borderColor: '#a5d6a7' };
const TAG_MISSING = { color: '#8e1b1b', background: '#fdecea', borderColor: '#f5b7b1' };
const TAG_ADVISED = { color: '#6b4500', background: '#fff8e1', borderColor: '#ffe082' };
type FormValues = Record<(typeof EDITABLE)[number], unknown>;

/** One facility: detail with the standards checklist, coverage and stations; or the create/edit form. */
export function FacilityDrawer(props: {
  id: string | null;
  creating: boolean;
  writable: boolean;
  defaultRegionCode: string | null;
  onClose: () => void;
  onCreated: (id: string) => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const q = useQuery({
    queryKey: ['facilities', 'detail', props.id],
    queryFn: ({ signal }) =>
      api.get<FacilityDetail>(`/facilities/${encodeURIComponent(props.id!)}`, undefined, { signal }),
    enabled: props.id !== null,
  });
  useEffect(() => setEditing(false), [props.id]);
  const open = props.id !== null || props.creating;
  const d = props.creating ? null : q.data;
  const form = props.creating || editing;
  return (
    <Drawer
      open={open}
      onClose={props.onClose}
      size="large"
      destroyOnHidden
      title={props.creating ? t('facility.create') : (d?.name ?? t('facility.title'))}
      data-testid="facility-drawer"
      extra={
        d &&
        props.writable &&
        !form &&
        d.status !== 'closed' && (
          <Space>
            <CloseFacility facility={d} />
            <Button onClick={() => setEditing(true)} data-testid="facility-edit">
              {t('common.edit')}
            </Button>
          </Space>
        )
      }
    >
      {q.error && !props.creating && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {form ? (
        <FacilityForm
          facility={d ?? null}
          defaultRegionCode={props.defaultRegionCode}
          onDone={(id) => (props.creating ? props.onCreated(id) : setEditing(false))}
          onCancel={() => (props.creating ? props.onClose() : setEditing(false))}
        />
      ) : (
        d && <FacilityView d={d} onOpen={props.onOpen} />
      )}
    </Drawer>
  );
}

function FacilityView({ d, onOpen }: { d: FacilityDetail; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const zone = (z: string) => FACILITY_ZONE_LABELS[z as FacilityZone]?.[en ? 'en' : 'zh'] ?? z;
  const dash = (v: string | number | null) => (v === null || v === '' ? '—' : v);
  return (
    <>
      <Descriptions column={2} size="small" bordered data-testid="facility-detail">
        <Descriptions.Item label={t('facility.tier')}>
          {FACILITY_TIER_LABELS[d.tier][en ? 'en' : 'zh']}
        </Descriptions.Item>
        <Descriptions.Item label={t('facility.status')}>
          {t(`facility.statuses.${d.status}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('facility.region')}>{d.regionName ?? d.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('facility.plannedYear')}>{dash(d.plannedYear)}</Descriptions.Item>
        <Descriptions.Item label={t('facility.floorArea')}>{dash(d.floorAreaM2)}</Descriptions.Item>
        <Descriptions.Item label={t('facility.beds')}>{`${d.beds} / ${d.nursingBeds}`}</Descriptions.Item>
        <Descriptions.Item label={t('facility.operatingMode')}>
          {d.operatingMode ? t(`organisation.modes.${d.operatingMode}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('facility.operator')}>{dash(d.operatorName)}</Descriptions.Item>
        <Descriptions.Item label={t('facility.parentCentre')}>{dash(d.parentCentreName)}</Descriptions.Item>
        <Descriptions.Item label={t('facility.openingHours')}>{dash(d.openingHours)}</Descriptions.Item>
        <Descriptions.Item label={t('facility.zones')} span={2}>
          {d.zones.map(zone).join('、') || '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('facility.standards')}
      </Typography.Title>
      {d.standards.elders !== null && (
        <Typography.Paragraph type="secondary">
          {t('facility.elderCount', { n: d.standards.elders })}
          {d.standards.fewElders && ` · ${t('facility.fewElders')}`}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        bordered
        data-testid="facility-standards"
        dataSource={d.standards.items}
        locale={{ emptyText: t('facility.standardsNone') }}
        renderItem={(i) => (
          <List.Item>
            <Tag style={i.ok ? TAG_OK : i.advisory ? TAG_ADVISED : TAG_MISSING}>
              {i.ok
                ? t('facility.standardsOk')
                : i.advisory
                  ? t('facility.standardsAdvisory')
                  : t('facility.standardsMissing')}
            </Tag>
            {i.code.startsWith('zone:')
              ? t('facility.check.zone', { zone: zone(i.code.slice(5)) })
              : t(`facility.check.${i.code as 'floor_area' | 'beds' | 'nursing_beds'}`, {
                  required: i.required,
                  actual: i.actual ?? t('facility.unknown'),
                })}
          </List.Item>
        )}
      />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        {t('facility.coverage')}
      </Typography.Title>
      <List
        size="small"
        data-testid="facility-coverage"
        dataSource={d.coverage}
        renderItem={(c) => (
          <List.Item>
            {c.regionName ?? c.regionCode} · {c.validFrom} – {c.validTo ?? t('facility.current')}
          </List.Item>
        )}
      />
      {d.stations.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t('facility.stations')}
          </Typography.Title>
          <List
            size="small"
            data-testid="facility-stations"
            dataSource={d.stations}
            renderItem={(s) => (
              <List.Item>
                <Button type="link" size="small" onClick={() => onOpen(s.id)}>
                  {s.name}
                </Button>
                <Tag>{t(`facility.statuses.${s.status}`)}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}

function FacilityForm({
  facility,
  defaultRegionCode,
  onDone,
  onCancel,
}: {
  facility: FacilityDetail | null;
  defaultRegionCode: string | null;
  onDone: (id: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { enter, choose } = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  useEffect(() => {
    form.setFieldsValue(
      facility
        ? Object.fromEntries(EDITABLE.map((k) => [k, facility[k as keyof FacilityDetail]]))
        : { tier: 'community_station', regionCode: defaultRegionCode ?? undefined, status: 'operating' },
    );
  }, [facility, defaultRegionCode, form]);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, x === '' || x === undefined ? null : x]),
      );
      for (const k of ['beds', 'nursingBeds', 'zones', 'status']) if (body[k] === null) delete body[k];
      return facility
        ? api.patch<FacilityDetail>(`/facilities/${facility.id}`, { ...body, version: facility.version })
        : api.post<FacilityDetail>('/facilities', body);
    },
    onSuccess: (r) => {
      void message.success(facility ? t('facility.updated') : t('facility.created'));
      void queryClient.invalidateQueries({ queryKey: ['facilities'] });
      onDone(r.id);
    },
    onError: (e) => setError(showSubmitError(form, e, t('common.loadFailed'), EDITABLE).summary),
  });
  const num = (name: string, label: string, step = 1) => (
    <Form.Item name={name} label={label}>
      <InputNumber style={{ width: '100%' }} step={step} data-testid={`facility-${name}`} />
    </Form.Item>
  );
  return (
    <>
      <FormError error={error} testId="facility-form-error" />
      <Form<FormValues>
        form={form}
        name="facility"
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        data-testid="facility-form"
      >
        <Form.Item name="tier" label={t('facility.tier')} rules={[choose(t('facility.tier'))]}>
          <Select
            data-testid="facility-tier"
            options={FACILITY_TIERS.map((x: FacilityTier) => ({
              value: x,
              label: FACILITY_TIER_LABELS[x][en ? 'en' : 'zh'],
            }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('facility.name')} rules={[enter(t('facility.name'))]}>
          <Input maxLength={100} data-testid="facility-name" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('facility.region')} rules={[choose(t('facility.region'))]}>
          <RegionTreeSelect
            testId="facility-region"
            ariaLabel={t('facility.region')}
            valueLabel={facility?.regionName ?? null}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="address" label={t('facility.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          {num('lat', t('facility.lat'), 0.001)}
          {num('lng', t('facility.lng'), 0.001)}
        </Space.Compact>
        {num('floorAreaM2', t('facility.floorArea'), 10)}
        <Space.Compact block>
          {num('beds', t('facility.beds'))}
          {num('nursingBeds', t('facility.nursingBeds'))}
        </Space.Compact>
        <Form.Item name="zones" label={t('facility.zones')}>
          <Select
            mode="multiple"
            data-testid="facility-zones"
            options={FACILITY_ZONES.map((z) => ({
              value: z,
              label: FACILITY_ZONE_LABELS[z][en ? 'en' : 'zh'],
            }))}
          />
        </Form.Item>
        <Form.Item name="operatorOrgId" label={t('facility.operator')}>
          <OrganisationSelect
            type="provider"
            ariaLabel={t('facility.operator')}
            valueLabel={facility?.operatorName ?? null}
            style={{ width: '100%' }}
            testId="facility-operator"
          />
        </Form.Item>
        <Form.Item name="operatingMode" label={t('facility.operatingMode')}>
          <Select
            allowClear
            options={OPERATING_MODES.map((m) => ({ value: m, label: t(`organisation.modes.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('facility.status')}>
          <Select
            options={(['planned', 'building', 'operating'] as const).map((s) => ({
              value: s,
              label: t(`facility.statuses.${s}`),
            }))}
          />
        </Form.Item>
        {num('plannedYear', t('facility.plannedYear'))}
        <Form.Item name="openingHours" label={t('facility.openingHours')}>
          <Input maxLength={100} />
        </Form.Item>
        <Space>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="facility-save">
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </>
  );
}

/** 停用: a date and a reason; the coverage rows end on that date. */
function CloseFacility({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ closedOn: string; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const close = useMutation({
    mutationFn: (v: { closedOn: string; reason: string }) =>
      api.post<FacilityDetail>(`/facilities/${facility.id}/close`, { ...v, version: facility.version }),
    onSuccess: () => {
      void message.success(t('facility.closedDone'));
      void queryClient.invalidateQueries({ queryKey: ['facilities'] });
      setOpen(false);
    },
    onError: (e) =>
      setError(showSubmitError(form, e, t('common.loadFailed'), ['closedOn', 'reason']).summary),
  });
  return (
    <>
      <Button danger onClick={() => (setError(null), setOpen(true))} data-testid="facility-close">
        {t('facility.close')}
      </Button>
      <Modal
        open={open}
        title={t('facility.closeTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={close.isPending}
        destroyOnHidden
      >
        <FormError error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => close.mutate(v)}>
          <Form.Item name="closedOn" label={t('facility.closedOn')} rules={[choose(t('facility.closedOn'))]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('facility.closeReason')}
            rules={[enter(t('facility.closeReason'))]}
          >
            <Input.TextArea maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ELDER_CHRONIC_DISEASES,
  ELDER_ID_TYPES,
  ELDER_LIVING_SITUATIONS,
  regionLevel,
  type ElderLivingSituation,
} from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { dropDraft, readDraft, saveDraft } from '../../app/drafts.ts';
import { RegionTreeSelect } from '../region/RegionTreeSelect.tsx';
import { addFamily, createElder, ELDERS_KEY, updateElder } from './elderApi.ts';
import {
  derivesBirthAndSex,
  ELDER_FORM_FIELDS,
  toCreateBody,
  toFamilyBodies,
  toUpdateBody,
  type ElderFormValues,
} from './elderForm.ts';
import type { ElderDetail } from '@yiyang/contracts';
import { FamilyRows, TagRows } from './ElderFormParts.tsx';
import { useElderLabels } from './useElderLabels.ts';
import { useIdValidation } from './useIdValidation.ts';
import { FormError } from '../layout/PageErrors.tsx';
import { useRequired } from '../../app/rules.ts';

type FormValues = ElderFormValues;

/** The draft of the registration form (`elder` null) or of an edit of this version of the elder. */
export function elderDraftKey(elder: Pick<ElderDetail, 'id' | 'version'> | null): string {
  return elder ? `console:elder:${elder.id}@${elder.version}` : 'console:elder:new';
}

/** The console's registry list with this elder's details open (`?elder=`), keeping the other parameters. */
function elderLink(params: URLSearchParams, id: string): string {
  const next = new URLSearchParams(params);
  next.set('elder', id);
  return `/elders?${next.toString()}`;
}

/** Register (`elder` null) or edit an elder. An edit carries the version and a reason. */
export function ElderFormDrawer({
  open,
  elder,
  defaultRegionCode,
  onClose,
  onSaved,
  onReload,
}: {
  open: boolean;
  elder: ElderDetail | null;
  defaultRegionCode: string | null;
  onClose: () => void;
  onSaved?: (e: ElderDetail) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const labels = useElderLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // A duplicate ID number: the registered elder, when the user may see it.
  const [existingId, setExistingId] = useState<string | null>(null);
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const draftKey = elderDraftKey(elder);
  const idType = Form.useWatch('idType', form);
  const idNumber = Form.useWatch('idNumber', form);
  const householdLocal = Form.useWatch('householdLocal', form);
  const birthDate = Form.useWatch('birthDate', form);
  const sex = Form.useWatch('sex', form);
  const deriving = !!idType && derivesBirthAndSex(idType);
  const check = useIdValidation(
    form,
    idType,
    idNumber,
    deriving ? undefined : { birthDate, sex: sex || undefined },
  );
  useEffect(() => setExistingId(null), [idNumber]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setConflict(false);
    form.resetFields();
    form.setFieldsValue(
      elder
        ? {
            idType: elder.idType,
            birthDate: elder.birthDate,
            sex: elder.sex,
            regionCode: elder.regionCode,
            livingSituation: (elder.livingSituation as ElderLivingSituation | null) ?? undefined,
            householdLocal: elder.householdLocal,
            residenceSince: elder.residenceSince ?? undefined,
            lat: elder.lat,
            lng: elder.lng,
            reason: '',
          }
        : {
            idType: 'resident_id',
            householdLocal: true,
            regionCode:
              defaultRegionCode && regionLevel(defaultRegionCode) === 'village' ? defaultRegionCode : null,
            health: { chronicDiseases: [], allergies: [], medications: [], familyDoctorSigned: false },
            tags: [],
            family: [],
          },
    );
    // What was typed before a crash (the boundary's 重试) or before leaving the page.
    const draft = readDraft<FormValues>(draftKey);
    if (draft) form.setFieldsValue(draft);
  }, [open, elder, defaultRegionCode, form, draftKey]);

  /** Leaving through 取消 or the close button: the draft goes. */
  const cancel = () => {
    dropDraft(draftKey);
    onClose();
  };

  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    setConflict(false);
    setExistingId(null);
    try {
      const saved = elder
        ? await updateElder(elder.id, toUpdateBody(v, elder))
        : await createElder(toCreateBody(v));
      if (!elder) for (const m of toFamilyBodies(v)) await addFamily(saved.id, m);
      dropDraft(draftKey);
      void message.success(elder ? t('elder.updated') : t('elder.created'));
      void queryClient.invalidateQueries({ queryKey: [ELDERS_KEY] });
      onClose();
      if (saved?.id) onSaved?.(saved);
    } catch (e) {
      const failure = showSubmitError(form, e, t('common.loadFailed'), [...ELDER_FORM_FIELDS]);
      setConflict(failure.stale);
      setError(failure.stale ? null : failure.summary);
      const existing = failure.meta.existingElderId;
      setExistingId(typeof existing === 'string' ? existing : null);
    } finally {
      setBusy(false);
    }
  };

  const { enter, choose } = useRequired();

  const derived =
    check.state === 'ok' && check.result.birthDate
      ? t('elder.idDerived', {
          birthDate: check.result.birthDate,
          sex: labels.sex(check.result.sex),
          age: check.result.age ?? '',
        })
      : null;

  return (
    <Drawer
      open={open}
      onClose={cancel}
      title={elder ? t('elder.editTitle') : t('elder.createTitle')}
      size={680}
      destroyOnHidden
      data-testid="elder-form-drawer"
      extra={
        <Space>
          <Button onClick={cancel}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="elder-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          data-testid="elder-conflict"
          title={t('elder.conflict')}
          action={
            onReload ? (
              <Button size="small" onClick={onReload}>
                {t('elder.reload')}
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <FormError error={error} />
      <Form<FormValues>
        form={form}
        name="elder"
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => saveDraft(draftKey, form.getFieldsValue(true))}
        data-testid="elder-form"
        scrollToFirstError
      >
        <Divider titlePlacement="start">
          <h3 className="yy-form-section">{t('elder.step.identity')}</h3>
        </Divider>
        <Form.Item name="name" label={t('elder.name')} rules={elder ? [] : [enter(t('elder.name'))]}>
          <Input maxLength={50} autoComplete="off" placeholder={elder?.nameMasked} data-testid="elder-name" />
        </Form.Item>
        <Space align="start" wrap style={{ width: '100%' }}>
          <Form.Item name="idType" label={t('elder.idType')} rules={[choose(t('elder.idType'))]}>
            <Select
              style={{ width: 260 }}
              data-testid="elder-id-type"
              options={ELDER_ID_TYPES.map((c) => ({ value: c, label: t(`elder.idTypes.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('elder.idNumber')}
            rules={elder ? [] : [enter(t('elder.idNumber'))]}
            validateStatus={check.state === 'checking' ? 'validating' : undefined}
            extra={
              <span aria-live="polite" data-testid="elder-id-derived">
                {existingId ? (
                  <Link to={elderLink(params, existingId)} data-testid="elder-existing-link">
                    {t('elder.openExisting')}
                  </Link>
                ) : check.state === 'checking' ? (
                  t('elder.idValidating')
                ) : (
                  (derived ??
                  (elder
                    ? t('elder.idEditHint', { masked: elder.idNumberMasked })
                    : deriving
                      ? t('elder.idHint')
                      : ''))
                )}
              </span>
            }
          >
            <Input
              maxLength={32}
              autoComplete="off"
              spellCheck={false}
              className="yy-mono"
              style={{ width: 300 }}
              data-testid="elder-id-number"
            />
          </Form.Item>
        </Space>
        {!deriving && (
          <Space align="start" wrap>
            <Form.Item name="birthDate" label={t('elder.birthDate')} rules={[choose(t('elder.birthDate'))]}>
              <Input type="date" data-testid="elder-birth-date" />
            </Form.Item>
            <Form.Item name="sex" label={t('elder.sex')} rules={[choose(t('elder.sex'))]}>
              <Select
                style={{ width: 120 }}
                data-testid="elder-sex"
                options={(['male', 'female'] as const).map((s) => ({ value: s, label: labels.sex(s) }))}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item
          name="phone"
          label={t('elder.phone')}
          extra={elder?.phoneMasked ? t('elder.phoneEditHint', { masked: elder.phoneMasked }) : undefined}
        >
          <Input inputMode="tel" maxLength={20} style={{ width: 260 }} data-testid="elder-phone" />
        </Form.Item>

        <Divider titlePlacement="start">
          <h3 className="yy-form-section">{t('elder.step.residence')}</h3>
        </Divider>
        <Form.Item
          name="regionCode"
          label={t('elder.region')}
          extra={t('elder.regionHint')}
          rules={[
            choose(t('elder.region')),
            {
              validator: (_, v: string | null | undefined) =>
                !v || regionLevel(v) === 'village'
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('elder.regionMustBeVillage'))),
            },
          ]}
        >
          <RegionTreeSelect
            leafOnly
            testId="elder-region"
            ariaLabel={t('elder.region')}
            valueLabel={elder?.regionName ?? null}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('elder.address')}
          rules={elder ? [] : [enter(t('elder.address'))]}
          extra={
            elder?.addressMasked ? t('elder.addressEditHint', { masked: elder.addressMasked }) : undefined
          }
        >
          <Input maxLength={200} data-testid="elder-address" />
        </Form.Item>
        <Form.Item
          name="livingSituation"
          label={t('elder.livingSituation')}
          rules={[choose(t('elder.livingSituation'))]}
        >
          <Select
            data-testid="elder-living"
            options={ELDER_LIVING_SITUATIONS.map((s) => ({ value: s, label: labels.living(s) }))}
          />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="householdLocal" label={t('elder.householdLocal')} valuePropName="checked">
            <Switch data-testid="elder-household-local" />
          </Form.Item>
          {householdLocal === false && (
            <Form.Item
              name="residenceSince"
              label={t('elder.residenceSince')}
              rules={[choose(t('elder.residenceSince'))]}
            >
              <Input type="date" data-testid="elder-residence-since" />
            </Form.Item>
          )}
          <Form.Item name="lat" label={t('elder.lat')}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: 150 }} data-testid="elder-lat" />
          </Form.Item>
          <Form.Item name="lng" label={t('elder.lng')}>
            <InputNumber
              min={-180}
              max={180}
              step={0.000001}
              style={{ width: 150 }}
              data-testid="elder-lng"
            />
          </Form.Item>
        </Space>

        {!elder && (
          <>
            <Divider titlePlacement="start">
              <h3 className="yy-form-section">{t('elder.step.health')}</h3>
            </Divider>
            <Form.Item name={['health', 'chronicDiseases']} label={t('elder.health.chronicDiseases')}>
              <Select
                mode="multiple"
                data-testid="elder-diseases"
                options={ELDER_CHRONIC_DISEASES.map((c) => ({ value: c, label: t(`elder.diseases.${c}`) }))}
              />
            </Form.Item>
            <Form.Item name={['health', 'allergies']} label={t('elder.health.allergies')}>
              <Select mode="tags" open={false} suffixIcon={null} data-testid="elder-allergies" />
            </Form.Item>
            <Form.Item name={['health', 'medications']} label={t('elder.health.medication')}>
              <Select mode="tags" open={false} suffixIcon={null} data-testid="elder-medications" />
            </Form.Item>
            <Form.Item
              name={['health', 'familyDoctorSigned']}
              label={t('elder.health.familyDoctorSigned')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </>
        )}
        {!elder && (
          <>
            <Typography.Title level={4} className="yy-form-subtitle">
              {t('elder.tags')}
            </Typography.Title>
            <TagRows />
            <Divider titlePlacement="start">
              <h3 className="yy-form-section">{t('elder.step.family')}</h3>
            </Divider>
            <FamilyRows />
          </>
        )}
        {elder && (
          <>
            <Divider />
            <Form.Item
              name="reason"
              label={t('elder.reason')}
              extra={t('elder.reasonHint')}
              rules={[enter(t('elder.reason'))]}
            >
              <Input.TextArea rows={2} maxLength={200} showCount data-testid="elder-reason" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}

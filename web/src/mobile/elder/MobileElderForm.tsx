import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button } from 'antd-mobile';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ELDER_ID_TYPES,
  ELDER_LIVING_SITUATIONS,
  regionLevel,
  type ElderIdType,
  type ElderLivingSituation,
} from '@yiyang/contracts';
import { isApiError } from '../../api/client.ts';
import { readSubmitError } from '../../api/formErrors.ts';
import { dropDraft, useDraftState } from '../../app/drafts.ts';
import { Loading } from '../../app/Loading.tsx';
import { useMe } from '../../app/session.tsx';
import {
  createElder,
  ELDERS_KEY,
  fetchElder,
  updateElder,
  validateId,
} from '../../modules/elder/elderApi.ts';
import {
  geoErrorKind,
  idNumberReady,
  normalizeIdInput,
  roundCoord,
  type GeoErrorKind,
} from '../../modules/elder/elderHelpers.ts';
import type { ElderDetail, Sex, ValidateIdResult } from '@yiyang/contracts';
import {
  derivesBirthAndSex,
  ELDER_CORE_FIELDS,
  toCreateBody,
  toUpdateBody,
} from '../../modules/elder/elderForm.ts';
import { useElderLabels } from '../../modules/elder/useElderLabels.ts';
import { Field, RegionCascade } from './MobileElderFields.tsx';
import { MobilePage } from '../MobilePage.tsx';

interface Values {
  name: string;
  idType: ElderIdType;
  idNumber: string;
  birthDate: string;
  sex: Sex | '';
  phone: string;
  regionCode: string;
  address: string;
  livingSituation: ElderLivingSituation | '';
  lat: number | null;
  lng: number | null;
  reason: string;
}

/** Add or edit an elder on a phone: large inputs, live ID check, location from the device. */
export default function MobileElderForm() {
  const { id } = useParams();
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: [ELDERS_KEY, 'detail', id],
    queryFn: ({ signal }) => fetchElder(id!, signal),
    enabled: !!id,
  });
  if (id && !detail.data) {
    return (
      <MobilePage title={t('elder.mobile.edit')} backTo="/m/elders">
        {detail.error ? <p className="yy-m-error">{t('common.loadFailed')}</p> : <Loading />}
      </MobilePage>
    );
  }
  return <ElderFormBody editing={detail.data ?? null} />;
}

function ElderFormBody({ editing }: { editing: ElderDetail | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const labels = useElderLabels();
  // What the worker typed survives a crash (the boundary's 重试) until it is saved or left with 返回.
  const draftKey = editing ? `mobile:elder:${editing.id}@${editing.version}` : 'mobile:elder:new';
  const [v, setV] = useDraftState<Values>(draftKey, () => ({
    name: '',
    idType: editing?.idType ?? 'resident_id',
    idNumber: '',
    birthDate: editing?.birthDate ?? '',
    sex: editing?.sex ?? '',
    phone: '',
    regionCode:
      editing?.regionCode ?? (me.regionCode && regionLevel(me.regionCode) === 'village' ? me.regionCode : ''),
    address: '',
    livingSituation: (editing?.livingSituation as ElderLivingSituation | null) ?? '',
    lat: editing?.lat ?? null,
    lng: editing?.lng ?? null,
    reason: '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // A duplicate ID number: the registered elder, when the worker may see it.
  const [existingId, setExistingId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [derived, setDerived] = useState<ValidateIdResult | null>(null);
  const [geo, setGeo] = useState<'idle' | 'locating' | 'ok' | GeoErrorKind>('idle');
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((p) => ({ ...p, [k]: value }));
    if (k === 'idNumber' || k === 'idType') setExistingId(null);
    setErrors((e) => {
      const { [k]: _drop, ...rest } = e;
      return rest;
    });
  };
  const setRegion = (code: string) => set('regionCode', code);

  // Live ID check, 400 ms after the last keystroke.
  useEffect(() => {
    const n = normalizeIdInput(v.idNumber);
    setDerived(null);
    if (!n || !idNumberReady(v.idType, n)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      validateId({ idType: v.idType, idNumber: n }, controller.signal)
        .then((r) => setDerived(r))
        .catch((e: unknown) => {
          if (!isApiError(e)) return;
          const msg = e.errors.map((x) => x.message).join(' ') || e.detail;
          setErrors((p) => ({ ...p, idNumber: msg }));
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [v.idType, v.idNumber]);

  const locate = () => {
    if (!('geolocation' in navigator)) return setGeo('unsupported');
    setGeo('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setV((p) => ({ ...p, lat: roundCoord(pos.coords.latitude), lng: roundCoord(pos.coords.longitude) }));
        setGeo('ok');
      },
      (err) => setGeo(geoErrorKind(err.code)),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Typed fields say 请填写…, picked ones (lists, the date) 请选择….
    const enter = (field: string) => t('common.required', { field });
    const choose = (field: string) => t('common.requiredChoice', { field });
    const missing: Record<string, string> = {};
    if (!editing) {
      if (!v.name.trim()) missing.name = enter(t('elder.name'));
      if (!v.idNumber.trim()) missing.idNumber = enter(t('elder.idNumber'));
      if (!v.address.trim()) missing.address = enter(t('elder.address'));
    } else if (!v.reason.trim()) missing.reason = enter(t('elder.reason'));
    if (!v.regionCode) missing.regionCode = choose(t('elder.region'));
    if (!v.livingSituation) missing.livingSituation = choose(t('elder.livingSituation'));
    if (!derivesBirthAndSex(v.idType) && (v.idNumber.trim() || !editing)) {
      if (!v.birthDate) missing.birthDate = choose(t('elder.birthDate'));
      if (!v.sex) missing.sex = choose(t('elder.sex'));
    }
    if (Object.keys(missing).length) {
      setErrors((p) => ({ ...p, ...missing }));
      document.getElementById(`m-elder-${Object.keys(missing)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    setExistingId(null);
    try {
      const saved = editing
        ? await updateElder(editing.id, toUpdateBody(v, editing, { birthAndSexWithIdOnly: true }))
        : await createElder(toCreateBody(v));
      dropDraft(draftKey);
      void queryClient.invalidateQueries({ queryKey: [ELDERS_KEY] });
      navigate(`/m/elders/${encodeURIComponent(saved?.id ?? editing?.id ?? '')}`, { replace: true });
    } catch (err) {
      const failure = readSubmitError(err, t('common.loadFailed'), [...ELDER_CORE_FIELDS]);
      const fe: Record<string, string> = {};
      for (const f of failure.fields) fe[String(f.name[0])] = f.errors.join(' ');
      setErrors(fe);
      setFormError(failure.stale ? t('elder.conflict') : failure.summary);
      const existing = failure.meta.existingElderId;
      setExistingId(typeof existing === 'string' ? existing : null);
      // The worker is at 保存, at the bottom: bring the first message into view.
      const first = Object.keys(fe)[0];
      const target = document.getElementById(first ? `m-elder-${first}` : 'm-elder-form');
      target?.scrollIntoView({ block: 'center' });
      if (first) target?.focus({ preventScroll: true });
    } finally {
      setBusy(false);
    }
  };

  const aria = (k: string) => ({
    'aria-invalid': !!errors[k],
    'aria-describedby': errors[k] ? `m-elder-${k}-error` : undefined,
  });

  return (
    <MobilePage
      title={editing ? t('elder.mobile.edit') : t('elder.mobile.add')}
      backTo={editing ? `/m/elders/${encodeURIComponent(editing.id)}` : '/m/elders'}
      onBack={() => dropDraft(draftKey)}
    >
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        id="m-elder-form"
        data-testid="m-elder-form"
        aria-label={t('elder.mobile.add')}
      >
        {formError && (
          <p className="yy-m-error" role="alert" data-testid="m-elder-form-error">
            {formError}
          </p>
        )}
        <Field id="m-elder-name" label={t('elder.name')} error={errors.name}>
          <input
            id="m-elder-name"
            value={v.name}
            placeholder={editing?.nameMasked}
            onChange={(e) => set('name', e.target.value)}
            autoComplete="off"
            {...aria('name')}
            data-testid="m-elder-name"
          />
        </Field>
        <Field id="m-elder-idType" label={t('elder.idType')} error={errors.idType}>
          <select
            id="m-elder-idType"
            className="yy-m-select"
            value={v.idType}
            onChange={(e) => set('idType', e.target.value as ElderIdType)}
          >
            {ELDER_ID_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`elder.idTypes.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="m-elder-idNumber"
          label={t('elder.idNumber')}
          error={
            errors.idNumber && (
              <>
                {errors.idNumber}
                {existingId && (
                  <>
                    {' '}
                    <Link to={`/m/elders/${encodeURIComponent(existingId)}`}>{t('elder.openExisting')}</Link>
                  </>
                )}
              </>
            )
          }
          hint={
            derived?.birthDate
              ? t('elder.idDerived', {
                  birthDate: derived.birthDate,
                  sex: labels.sex(derived.sex),
                  age: derived.age ?? '',
                })
              : editing
                ? t('elder.idEditHint', { masked: editing.idNumberMasked })
                : undefined
          }
        >
          <input
            id="m-elder-idNumber"
            value={v.idNumber}
            onChange={(e) => set('idNumber', e.target.value)}
            autoComplete="off"
            spellCheck={false}
            inputMode={v.idType === 'resident_id' ? 'text' : undefined}
            {...aria('idNumber')}
            data-testid="m-elder-id-number"
          />
        </Field>
        {!derivesBirthAndSex(v.idType) && (
          <>
            <Field id="m-elder-birthDate" label={t('elder.birthDate')} error={errors.birthDate}>
              <input
                id="m-elder-birthDate"
                type="date"
                value={v.birthDate}
                onChange={(e) => set('birthDate', e.target.value)}
                {...aria('birthDate')}
              />
            </Field>
            <Field id="m-elder-sex" label={t('elder.sex')} error={errors.sex}>
              <select
                id="m-elder-sex"
                className="yy-m-select"
                value={v.sex}
                onChange={(e) => set('sex', e.target.value as Sex)}
                {...aria('sex')}
              >
                <option value="">{t('elder.mobile.select')}</option>
                <option value="male">{labels.sex('male')}</option>
                <option value="female">{labels.sex('female')}</option>
              </select>
            </Field>
          </>
        )}
        <Field
          id="m-elder-phone"
          label={t('elder.phone')}
          error={errors.phone}
          hint={editing?.phoneMasked ? t('elder.phoneEditHint', { masked: editing.phoneMasked }) : undefined}
        >
          <input
            id="m-elder-phone"
            type="tel"
            inputMode="tel"
            value={v.phone}
            onChange={(e) => set('phone', e.target.value)}
            {...aria('phone')}
            data-testid="m-elder-phone"
          />
        </Field>
        <Field id="m-elder-regionCode" label={t('elder.region')} error={errors.regionCode}>
          <div className="yy-m-stack">
            <RegionCascade value={v.regionCode} onChange={setRegion} invalid={!!errors.regionCode} />
          </div>
        </Field>
        <Field
          id="m-elder-address"
          label={t('elder.address')}
          error={errors.address}
          hint={
            editing?.addressMasked ? t('elder.addressEditHint', { masked: editing.addressMasked }) : undefined
          }
        >
          <input
            id="m-elder-address"
            value={v.address}
            onChange={(e) => set('address', e.target.value)}
            {...aria('address')}
            data-testid="m-elder-address"
          />
        </Field>
        <Field id="m-elder-livingSituation" label={t('elder.livingSituation')} error={errors.livingSituation}>
          <select
            id="m-elder-livingSituation"
            className="yy-m-select"
            value={v.livingSituation}
            onChange={(e) => set('livingSituation', e.target.value as ElderLivingSituation)}
            {...aria('livingSituation')}
            data-testid="m-elder-living"
          >
            <option value="">{t('elder.mobile.select')}</option>
            {ELDER_LIVING_SITUATIONS.map((s) => (
              <option key={s} value={s}>
                {labels.living(s)}
              </option>
            ))}
          </select>
        </Field>
        <div className="yy-m-field">
          <Button
            block
            size="large"
            className="yy-m-secondary"
            onClick={locate}
            loading={geo === 'locating'}
            data-testid="m-elder-locate"
          >
            {t('elder.mobile.locate')}
          </Button>
          <p
            className={
              geo === 'ok' || geo === 'idle' || geo === 'locating' ? 'yy-m-hint' : 'yy-m-field-error'
            }
            role="status"
            data-testid="m-elder-geo-status"
          >
            {geo === 'locating'
              ? t('elder.mobile.locating')
              : v.lat != null && v.lng != null && (geo === 'ok' || geo === 'idle')
                ? t('elder.mobile.located', { latitude: v.lat, longitude: v.lng })
                : geo !== 'idle' && geo !== 'ok'
                  ? t(`elder.mobile.geo.${geo}`)
                  : ''}
          </p>
        </div>
        {editing && (
          <Field
            id="m-elder-reason"
            label={t('elder.reason')}
            error={errors.reason}
            hint={t('elder.reasonHint')}
          >
            <input
              id="m-elder-reason"
              value={v.reason}
              onChange={(e) => set('reason', e.target.value)}
              {...aria('reason')}
              data-testid="m-elder-reason"
            />
          </Field>
        )}
        <Button
          type="submit"
          color="primary"
          block
          size="large"
          loading={busy}
          className="yy-m-primary"
          data-testid="m-elder-save"
        >
          {t('common.save')}
        </Button>
      </form>
    </MobilePage>
  );
}

import { useState } from 'react';
import { App, Button, Drawer, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  AGREEMENT_SIGNERS,
  AGREEMENT_SIGNER_LABELS,
  type AgreementSigner,
  type ServiceAgreementView,
} from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { useRequired } from '../../app/rules.ts';
import { ElderPicker } from '../assessment/ElderPicker.tsx';
import { FormError } from '../layout/PageErrors.tsx';
import { OrganisationSelect } from '../organisation/OrganisationSelect.tsx';
import { createAgreement, endAgreement, getCatalogue, signAgreement, useLabel } from './serviceApi.ts';

type DraftValues = {
  elderId: string;
  organisationId: string;
  itemCodes: string[];
  validFrom: string;
  validTo?: string;
  notes?: string;
};

function useDone(key: 'saved' | 'signed' | 'ended', onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return () => {
    void message.success(t(`service.agreements.${key}`));
    void queryClient.invalidateQueries({ queryKey: ['service-agreements'] });
    onClose();
  };
}

/** Drafts an agreement: elder, provider, the items (contracted where the elder lives), the term. */
export function AgreementDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { choose } = useRequired();
  const [form] = Form.useForm<DraftValues>();
  const [error, setError] = useState<string | null>(null);
  const done = useDone('saved', onClose);
  const items = useQuery({ queryKey: ['service-items', {}], queryFn: () => getCatalogue({}), enabled: open });
  const save = useMutation({
    mutationFn: (v: DraftValues) =>
      createAgreement({ ...v, validTo: v.validTo || null, notes: v.notes?.trim() || null }),
    onSuccess: done,
    onError: (e) =>
      setError(
        showSubmitError(form, e, t('common.loadFailed'), [
          'elderId',
          'organisationId',
          'itemCodes',
          'validFrom',
          'validTo',
          'notes',
        ]).summary,
      ),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('service.agreements.createTitle')}
      size={560}
      destroyOnHidden
      data-testid="agreement-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="agreement-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={error} />
      <Form<DraftValues> form={form} layout="vertical" name="agreement" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="elderId"
          label={t('service.agreements.elder')}
          rules={[choose(t('service.agreements.elder'))]}
        >
          <ElderPicker />
        </Form.Item>
        <Form.Item
          name="organisationId"
          label={t('service.agreements.provider')}
          rules={[choose(t('service.agreements.provider'))]}
        >
          <OrganisationSelect type="provider" ariaLabel={t('service.agreements.provider')} />
        </Form.Item>
        <Form.Item
          name="itemCodes"
          label={t('service.agreements.items')}
          rules={[choose(t('service.agreements.items'))]}
        >
          <Select
            mode="multiple"
            optionFilterProp="label"
            loading={items.isPending}
            options={(items.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))}
          />
        </Form.Item>
        <Space>
          <Form.Item
            name="validFrom"
            label={t('service.catalogue.validFrom')}
            rules={[choose(t('service.catalogue.validFrom'))]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="validTo" label={t('service.catalogue.validTo')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('service.agreements.notes')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

type SignValues = { signerKind: AgreementSigner; signerName?: string; signerRelationship?: string };

/** Records who signed: the elder, or a named guardian or agent. */
export function SignModal({
  agreement,
  onClose,
}: {
  agreement: ServiceAgreementView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const L = useLabel();
  const [form] = Form.useForm<SignValues>();
  const kind = Form.useWatch('signerKind', form);
  const save = useMutation({
    mutationFn: (v: SignValues) =>
      signAgreement(agreement!.id, {
        version: agreement!.version,
        signerKind: v.signerKind,
        signerName: v.signerName?.trim() || null,
        signerRelationship: v.signerRelationship?.trim() || null,
      }),
    onSuccess: useDone('signed', onClose),
    onError: (e) =>
      showSubmitError(form, e, t('common.loadFailed'), ['signerKind', 'signerName', 'signerRelationship']),
  });
  return (
    <Modal
      open={!!agreement}
      title={t('service.agreements.signTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<SignValues>
        form={form}
        layout="vertical"
        name="sign"
        initialValues={{ signerKind: 'elder' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="signerKind" label={t('service.agreements.signerKind')}>
          <Radio.Group
            options={AGREEMENT_SIGNERS.map((k) => ({ value: k, label: L(AGREEMENT_SIGNER_LABELS[k]) }))}
          />
        </Form.Item>
        {kind === 'guardian' && (
          <>
            <Form.Item name="signerName" label={t('service.agreements.signerName')}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="signerRelationship" label={t('service.agreements.signerRelationship')}>
              <Input maxLength={30} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** Ends an agreement with a reason (its last day is today unless given). */
export function EndModal({
  agreement,
  onClose,
}: {
  agreement: ServiceAgreementView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { enter } = useRequired();
  const [form] = Form.useForm<{ reason: string; endedOn?: string }>();
  const save = useMutation({
    mutationFn: (v: { reason: string; endedOn?: string }) =>
      endAgreement(agreement!.id, {
        version: agreement!.version,
        reason: v.reason,
        ...(v.endedOn ? { endedOn: v.endedOn } : {}),
      }),
    onSuccess: useDone('ended', onClose),
    onError: (e) => showSubmitError(form, e, t('common.loadFailed'), ['reason', 'endedOn']),
  });
  return (
    <Modal
      open={!!agreement}
      title={t('service.agreements.endTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="end-agreement" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="endedOn" label={t('service.agreements.endedOn')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('service.agreements.endReason')}
          rules={[enter(t('service.agreements.endReason'))]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { App, Button, Empty, Form, Modal, Space, Table } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { showSubmitError } from '../../api/formErrors.ts';
import { addFamily, deleteFamily, ELDERS_KEY, updateFamily } from './elderApi.ts';
import { consentRecord } from './elderHelpers.ts';
import type {
  ElderDetail,
  ElderFamilyRelationship,
  FamilyMember,
  FamilyMemberBody,
  RevealView,
} from '@yiyang/contracts';
import { FamilyMemberFields, useRelationshipLabel } from './ElderFormParts.tsx';
import { tableScroll } from '../../app/table.ts';
import { FormError } from '../layout/PageErrors.tsx';

type Values = Partial<Omit<FamilyMemberBody, 'consent'>> & { consent?: boolean };

export function ElderFamilyTab({
  elder,
  writable,
  revealed,
}: {
  elder: ElderDetail;
  writable: boolean;
  revealed?: RevealView['family'] | undefined;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const relLabel = useRelationshipLabel();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<FamilyMember | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [ELDERS_KEY] });
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));

  const open = (m: FamilyMember | 'new') => {
    setError(null);
    setEditing(m);
    form.resetFields();
    form.setFieldsValue(
      m === 'new'
        ? { mayActFor: false, isGuardian: false, consent: false }
        : {
            name: m.name,
            relationship: m.relationship as ElderFamilyRelationship,
            mayActFor: m.mayActFor,
            isGuardian: m.isGuardian,
            consent: !!m.consent,
          },
    );
  };

  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body = {
      name: (v.name ?? '').trim(),
      relationship: v.relationship ?? 'other',
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      mayActFor: !!v.mayActFor,
      isGuardian: !!v.isGuardian,
      // An existing consent record is kept; ticking the box records a new one.
      consent:
        editing && editing !== 'new' && editing.consent && v.consent
          ? // the server stores only its consent scopes; the wire sends them as strings
            (editing.consent as FamilyMemberBody['consent'])
          : consentRecord(!!v.consent),
    };
    try {
      if (editing === 'new') await addFamily(elder.id, body);
      else if (editing) await updateFamily(elder.id, editing.id, body);
      void message.success(t('elder.family.saved'));
      refresh();
      setEditing(null);
    } catch (e) {
      const fields = ['name', 'relationship', 'phone', 'mayActFor', 'isGuardian', 'consent'];
      setError(showSubmitError(form, e, t('common.loadFailed'), fields).summary);
    } finally {
      setBusy(false);
    }
  };

  const remove = (m: FamilyMember) =>
    void modal.confirm({
      title: t('elder.family.removeConfirm', { name: m.name }),
      okText: t('common.yes'),
      cancelText: t('common.no'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await deleteFamily(elder.id, m.id);
          void message.success(t('elder.family.removed'));
          refresh();
        } catch (e) {
          void message.error(isApiError(e) ? e.detail : t('common.loadFailed'));
        }
      },
    });

  return (
    <div data-testid="elder-family">
      {writable && (
        <div className="yy-tab-actions">
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => open('new')}
            data-testid="elder-family-create"
          >
            {t('elder.family.add')}
          </Button>
        </div>
      )}
      <Table<FamilyMember>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={elder.family}
        scroll={tableScroll(720, elder.family)}
        locale={{ emptyText: <Empty description={t('elder.family.none')} /> }}
        columns={[
          {
            key: 'name',
            title: t('elder.family.name'),
            dataIndex: 'name',
            render: (n: string, m: FamilyMember) => revealed?.find((r) => r.id === m.id)?.name ?? n,
          },
          {
            key: 'rel',
            title: t('elder.family.relationship'),
            dataIndex: 'relationship',
            render: (r: string) => relLabel(r),
          },
          {
            key: 'phone',
            title: t('elder.family.phone'),
            dataIndex: 'phoneMasked',
            render: (v: string | null, m: FamilyMember) => {
              const full = revealed?.find((r) => r.id === m.id);
              return full ? (full.phone ?? '—') : (v ?? '—');
            },
          },
          { key: 'act', title: t('elder.family.mayActFor'), dataIndex: 'mayActFor', render: yesNo },
          { key: 'guardian', title: t('elder.family.isGuardian'), dataIndex: 'isGuardian', render: yesNo },
          {
            key: 'consent',
            title: t('elder.family.consent'),
            dataIndex: 'consent',
            render: (c: FamilyMember['consent']) => yesNo(!!c),
          },
          ...(writable
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, m: FamilyMember) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        icon={<EditOutlined aria-hidden />}
                        aria-label={`${t('common.edit')} ${m.name}`}
                        onClick={() => open(m)}
                      />
                      <Button
                        type="link"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={`${t('elder.family.remove')} ${m.name}`}
                        onClick={() => remove(m)}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('elder.family.add') : t('common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        width={600}
        forceRender
      >
        <FormError error={error} />
        <Form<Values> form={form} layout="vertical" name="elder-family-member" onFinish={(v) => void save(v)}>
          <FamilyMemberFields
            prefix={[]}
            index={0}
            phonePlaceholder={editing && editing !== 'new' ? editing.phoneMasked : null}
          />
        </Form>
      </Modal>
    </div>
  );
}

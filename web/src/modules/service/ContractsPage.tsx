import { useState } from 'react';
import { App, Button, Drawer, Form, Input, Modal, Select, Space, Table } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProviderContractView } from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { useRequired } from '../../app/rules.ts';
import { useSession } from '../../app/session.tsx';
import { tableScroll } from '../../app/table.ts';
import { FormError, LoadError } from '../layout/PageErrors.tsx';
import { StatusTag } from '../layout/StatusTag.tsx';
import { OrganisationSelect } from '../organisation/OrganisationSelect.tsx';
import { RegionTreeSelect } from '../region/RegionTreeSelect.tsx';
import { createContract, getCatalogue, getContracts, terminateContract } from './serviceApi.ts';

type CreateValues = {
  organisationId: string;
  regionCode: string;
  itemCodes: string[];
  validFrom: string;
  validTo: string;
};

/** New contract: a provider, the area it serves, the catalogue items, the term. */
function ContractDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { choose } = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const items = useQuery({ queryKey: ['service-items', {}], queryFn: () => getCatalogue({}), enabled: open });
  const save = useMutation({
    mutationFn: (v: CreateValues) =>
      createContract({
        organisationId: v.organisationId,
        regionCodes: [v.regionCode],
        itemCodes: v.itemCodes,
        validFrom: v.validFrom,
        validTo: v.validTo,
      }),
    onSuccess: () => {
      void message.success(t('service.contracts.saved'));
      void queryClient.invalidateQueries({ queryKey: ['provider-contracts'] });
      onClose();
    },
    onError: (e) =>
      setError(
        showSubmitError(form, e, t('common.loadFailed'), [
          'organisationId',
          'itemCodes',
          'validFrom',
          'validTo',
        ]).summary,
      ),
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('service.contracts.create')}
      size={560}
      destroyOnHidden
      data-testid="contract-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="contract-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={error} />
      <Form<CreateValues> form={form} layout="vertical" name="contract" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="organisationId"
          label={t('service.contracts.provider')}
          rules={[choose(t('service.contracts.provider'))]}
        >
          <OrganisationSelect type="provider" ariaLabel={t('service.contracts.provider')} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('service.contracts.regions')}
          rules={[choose(t('service.contracts.regions'))]}
        >
          <RegionTreeSelect ariaLabel={t('service.contracts.regions')} />
        </Form.Item>
        <Form.Item
          name="itemCodes"
          label={t('service.contracts.items')}
          rules={[choose(t('service.contracts.items'))]}
        >
          <Select
            mode="multiple"
            loading={items.isPending}
            optionFilterProp="label"
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
          <Form.Item
            name="validTo"
            label={t('service.catalogue.validTo')}
            rules={[choose(t('service.catalogue.validTo'))]}
          >
            <Input type="date" />
          </Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}

/** Ends a contract early, with its last day and a reason. */
function TerminateModal({
  contract,
  onClose,
}: {
  contract: ProviderContractView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { enter, choose } = useRequired();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ effectiveOn: string; reason: string }>();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { effectiveOn: string; reason: string }) =>
      terminateContract(contract!.id, { version: contract!.version, ...v }),
    onSuccess: () => {
      void message.success(t('service.contracts.terminatedDone'));
      void queryClient.invalidateQueries({ queryKey: ['provider-contracts'] });
      onClose();
    },
    onError: (e) => showSubmitError(form, e, t('common.loadFailed'), ['effectiveOn', 'reason']),
  });
  return (
    <Modal
      open={!!contract}
      title={t('service.contracts.terminateTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="terminate" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="effectiveOn"
          label={t('service.contracts.effectiveOn')}
          rules={[choose(t('service.contracts.effectiveOn'))]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('service.contracts.reason')}
          rules={[enter(t('service.contracts.reason'))]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Provider contracts in scope: who delivers which items, where, until when. */
export default function ContractsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<ProviderContractView | null>(null);
  const writable = can('service:write');
  const list = useQuery({ queryKey: ['provider-contracts'], queryFn: () => getContracts({}) });
  const items = list.data?.items ?? [];
  return (
    <>
      <div className="yy-toolbar">
        <span className="yy-grow" />
        {writable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="contract-create"
          >
            {t('service.contracts.create')}
          </Button>
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<ProviderContractView>
        rowKey="id"
        data-testid="contract-table"
        loading={list.isPending && !list.error}
        dataSource={items}
        pagination={false}
        scroll={tableScroll(1100, items)}
        columns={[
          {
            key: 'provider',
            title: t('service.contracts.provider'),
            dataIndex: 'organisationName',
            width: 220,
          },
          { key: 'number', title: t('service.contracts.number'), dataIndex: 'number', width: 130 },
          {
            key: 'regions',
            title: t('service.contracts.regions'),
            width: 200,
            render: (_: unknown, c) => c.regionNames.join('、'),
          },
          {
            key: 'items',
            title: t('service.contracts.items'),
            width: 260,
            render: (_: unknown, c) => (
              <span title={c.itemCodes.join(', ')}>
                {t('service.contracts.itemsCount', { count: c.itemCodes.length })} ·{' '}
                {c.itemCodes.slice(0, 6).join(', ')}
                {c.itemCodes.length > 6 ? '…' : ''}
              </span>
            ),
          },
          {
            key: 'validity',
            title: t('service.contracts.validity'),
            width: 200,
            render: (_: unknown, c) => `${c.validFrom} ~ ${c.validTo}`,
          },
          {
            key: 'status',
            title: t('service.contracts.status'),
            width: 110,
            render: (_: unknown, c) =>
              c.terminatedAt ? (
                <StatusTag active={false}>{t('service.contracts.terminated')}</StatusTag>
              ) : (
                <StatusTag active={c.current}>
                  {c.current ? t('service.contracts.current') : t('service.contracts.notCurrent')}
                </StatusTag>
              ),
          },
          ...(writable
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 120,
                  render: (_: unknown, c: ProviderContractView) =>
                    !c.terminatedAt && (
                      <Button type="link" danger icon={<StopOutlined />} onClick={() => setEnding(c)}>
                        {t('service.contracts.terminate')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <ContractDrawer open={creating} onClose={() => setCreating(false)} />
      <TerminateModal contract={ending} onClose={() => setEnding(null)} />
    </>
  );
}

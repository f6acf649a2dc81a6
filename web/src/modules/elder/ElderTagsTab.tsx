import { useState } from 'react';
import { App, Button, Empty, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { showSubmitError } from '../../api/formErrors.ts';
import { ELDERS_KEY, putTags } from './elderApi.ts';
import { tagIsCurrent, todayCst } from './elderHelpers.ts';
import type { ElderDetail, ElderTag } from '@yiyang/contracts';
import { TagRows } from './ElderFormParts.tsx';
import { useElderLabels } from './useElderLabels.ts';
import { FormError } from '../layout/PageErrors.tsx';

interface Values {
  tags: {
    code?: ElderTag['code'];
    validFrom?: string | null;
    validTo?: string | null;
    note?: string | null;
  }[];
  reason?: string;
}

/** Recorded categories with validity (editable) and the derived ones (read-only). */
export function ElderTagsTab({ elder, writable }: { elder: ElderDetail; writable: boolean }) {
  const { t } = useTranslation();
  const labels = useElderLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const today = todayCst();
  // All stored tags (expired and future too) when the server sends them.
  const records = elder.tagRecords ?? elder.tags;

  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const tags = (v.tags ?? [])
        .filter((x) => x.code)
        .map((x) => ({
          code: x.code!,
          validFrom: x.validFrom || today,
          validTo: x.validTo || null,
          ...(x.note ? { note: x.note } : {}),
        }));
      await putTags(elder.id, tags, v.reason?.trim() || undefined);
      void message.success(t('elder.tagEditor.saved'));
      void queryClient.invalidateQueries({ queryKey: [ELDERS_KEY] });
      setEditing(false);
    } catch (e) {
      const failure = showSubmitError(form, e, t('common.loadFailed'), ['tags', 'reason']);
      setError(failure.stale ? t('elder.conflict') : failure.summary);
    } finally {
      setBusy(false);
    }
  };

  if (editing)
    return (
      <Form<Values>
        form={form}
        layout="vertical"
        name="elder-tags"
        initialValues={{
          tags: records
            .filter((x) => !x.source || x.source === 'manual')
            .map((x) => ({ ...x, validFrom: x.validFrom ?? '', validTo: x.validTo ?? '' })),
        }}
        onFinish={(v) => void save(v)}
      >
        <FormError error={error} />
        <TagRows />
        <Form.Item name="reason" label={t('elder.reason')} style={{ marginTop: 16 }}>
          <Input maxLength={200} data-testid="elder-tags-reason" />
        </Form.Item>
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="elder-tags-save">
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    );

  return (
    <div data-testid="elder-tags">
      {writable && (
        <div className="yy-tab-actions">
          <Button
            icon={<EditOutlined aria-hidden />}
            onClick={() => setEditing(true)}
            data-testid="elder-tags-edit"
          >
            {t('common.edit')}
          </Button>
        </div>
      )}
      <Table<ElderTag>
        rowKey={(r) => `${r.code}-${r.validFrom ?? ''}`}
        size="small"
        pagination={false}
        dataSource={records}
        locale={{ emptyText: <Empty description={t('elder.tagEditor.none')} /> }}
        columns={[
          { key: 'code', title: t('elder.tagEditor.code'), render: (_, r) => labels.tag(r.code) },
          {
            key: 'from',
            title: t('elder.tagEditor.validFrom'),
            dataIndex: 'validFrom',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'to',
            title: t('elder.tagEditor.validTo'),
            dataIndex: 'validTo',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'source',
            title: t('elder.tagEditor.source'),
            dataIndex: 'source',
            render: (v: string | null) => v ?? '—',
          },
          {
            key: 'state',
            title: t('elder.status'),
            render: (_, r) =>
              tagIsCurrent(r, today) ? (
                t('elder.tagEditor.current')
              ) : (
                <Typography.Text type="secondary">{t('elder.tagEditor.expired')}</Typography.Text>
              ),
          },
        ]}
      />
      <Typography.Title level={3} className="yy-form-subtitle">
        {t('elder.derivedTags')}
      </Typography.Title>
      {elder.derivedTags.length ? (
        <Space size={[4, 4]} wrap>
          {elder.derivedTags.map((c) => (
            <Tag key={c} className="yy-tag-derived">
              {labels.derived(c)}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
      )}
    </div>
  );
}

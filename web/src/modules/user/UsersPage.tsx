import { useMemo, useState } from 'react';
import { App, Button, Dropdown, Input, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined, EditOutlined, KeyOutlined, LogoutOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { formatDateTime } from '../../app/format.ts';
import type { UserView } from '@yiyang/contracts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { OrganisationSelect } from '../organisation/OrganisationSelect.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { StatusTag } from '../layout/StatusTag.tsx';
import { UserDrawer } from './UserDrawer.tsx';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { revokeSessions, useRoles } from './userApi.ts';
import { tableScroll } from '../../app/table.ts';

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const [q, setQ] = useState('');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const writable = can('user:write');

  const roles = useRoles(i18n.language);
  const roleNames = useMemo(() => new Map((roles.data ?? []).map((r) => [r.code, r.name])), [roles.data]);

  const list = usePaged<UserView>('users', '/users', {
    regionCode: regionCode ?? undefined,
    organisationId: organisationId ?? undefined,
    q: q || undefined,
  });

  const revoke = useMutation({
    mutationFn: (u: UserView) => revokeSessions(u.id),
    onSuccess: () => void message.success(t('user.revoked')),
    onError: (e) => void message.error(isApiError(e) ? e.detail : t('common.loadFailed')),
  });

  return (
    <section aria-labelledby="users-title">
      <Typography.Title level={1} className="yy-page-title" id="users-title">
        {t('user.title')}
      </Typography.Title>
      <div className="yy-toolbar" role="search">
        <Input.Search
          allowClear
          aria-label={t('user.searchPlaceholder')}
          placeholder={t('user.searchPlaceholder')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 280 }}
          data-testid="user-search"
          enterButton={t('common.search')}
        />
        <OrganisationSelect
          ariaLabel={t('user.organisationFilter')}
          placeholder={t('user.organisationFilter')}
          regionCode={regionCode}
          value={organisationId}
          onChange={setOrganisationId}
          testId="user-organisation-filter"
          style={{ width: 240 }}
        />
        <span className="yy-grow" />
        {writable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setDrawerOpen(true);
            }}
            data-testid="user-create"
          >
            {t('user.create')}
          </Button>
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<UserView>
        rowKey="id"
        data-testid="user-table"
        loading={list.isPending && !list.error}
        dataSource={list.rows}
        pagination={false}
        scroll={tableScroll(1330, list.items)}
        columns={[
          { key: 'username', title: t('user.username'), dataIndex: 'username', fixed: 'left', width: 140 },
          { key: 'displayName', title: t('user.displayName'), dataIndex: 'displayName', width: 110 },
          { key: 'phone', title: t('user.phone'), dataIndex: 'phoneMasked', width: 130 },
          {
            key: 'roles',
            title: t('user.roles'),
            dataIndex: 'roles',
            width: 200,
            render: (codes: string[]) => (
              <Space size={[4, 4]} wrap>
                {codes.map((c) => (
                  <Tag key={c}>{roleNames.get(c) ?? c}</Tag>
                ))}
              </Space>
            ),
          },
          { key: 'region', title: t('user.region'), dataIndex: 'regionName', width: 120 },
          { key: 'organisation', title: t('user.organisation'), dataIndex: 'organisationName', width: 160 },
          {
            key: 'status',
            title: t('user.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: UserView['status']) => (
              <StatusTag active={s === 'active'}>{t(`user.statusValues.${s}`)}</StatusTag>
            ),
          },
          {
            key: 'lastLoginAt',
            title: t('user.lastLoginAt'),
            dataIndex: 'lastLoginAt',
            width: 160,
            render: (v: string | null) => (v ? formatDateTime(v) : t('user.never')),
          },
          ...(writable
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  fixed: 'right' as const,
                  width: 190,
                  render: (_: unknown, row: UserView) => (
                    <Space size={0}>
                      <Button
                        type="link"
                        icon={<EditOutlined />}
                        aria-label={`${t('common.edit')} ${row.displayName}`}
                        onClick={() => {
                          setEditing(row);
                          setDrawerOpen(true);
                        }}
                      >
                        {t('common.edit')}
                      </Button>
                      <Dropdown
                        trigger={['click']}
                        menu={{
                          items: [
                            {
                              key: 'password',
                              icon: <KeyOutlined />,
                              label: t('user.resetPassword'),
                              onClick: () => setResetting(row),
                            },
                            {
                              key: 'revoke',
                              icon: <LogoutOutlined />,
                              label: t('user.revokeSessions'),
                              onClick: () =>
                                void modal.confirm({
                                  title: t('user.revokeConfirm', { name: row.displayName }),
                                  okText: t('common.yes'),
                                  cancelText: t('common.no'),
                                  onOk: () => revoke.mutateAsync(row),
                                }),
                            },
                          ],
                        }}
                      >
                        <Button
                          type="link"
                          aria-label={`${t('common.more')} ${row.displayName}`}
                          data-testid={`user-more-${row.username}`}
                        >
                          {t('common.more')} <DownOutlined aria-hidden />
                        </Button>
                      </Dropdown>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore list={list} testId="user-load-more" />
      <UserDrawer
        open={drawerOpen}
        user={editing}
        roles={roles.data ?? []}
        defaultRegionCode={regionCode}
        onClose={() => setDrawerOpen(false)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </section>
  );
}

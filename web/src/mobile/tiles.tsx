import type { ReactNode } from 'react';
import {
  AlertOutlined,
  FormOutlined,
  HeartOutlined,
  IdcardOutlined,
  PhoneOutlined,
  GlobalOutlined,
  LogoutOutlined,
  MessageOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { isPersonalAccount, type Permission } from '@yiyang/contracts';
import type { Messages } from '../i18n/zh-CN.ts';

/**
 * Home tiles of the mobile app. A module adds one line with the permission it
 * needs; only working functions are listed (no "coming soon" tiles).
 */
export interface Tile {
  key: string;
  labelKey: `mobile.${keyof Messages['mobile']}`;
  icon: ReactNode;
  /** A route under /m, a `tel:` link, or the special action 'logout'. */
  to: string | 'logout';
  permission?: Permission;
  /**
   * Who sees it: staff accounts only (registry entry), or people acting for themselves or their elders
   * (elder, family: PERSONAL_ROLES); both when unset.
   */
  audience?: 'staff' | 'personal';
}

export const TILES: Tile[] = [
  {
    key: 'elders',
    labelKey: 'mobile.elders',
    icon: <SolutionOutlined />,
    to: '/m/elders',
    permission: 'elder:read',
    audience: 'staff',
  },
  // The elder's own record, or the bound elders' for a family member (issue 13 §6).
  {
    key: 'my-record',
    labelKey: 'mobile.myRecord',
    icon: <IdcardOutlined />,
    to: '/m/my-record',
    permission: 'elder:read',
    audience: 'personal',
  },
  {
    key: 'hotline',
    labelKey: 'mobile.hotlineShort',
    icon: <PhoneOutlined />,
    to: 'tel:12349',
    audience: 'personal',
  },
  {
    key: 'assessments',
    labelKey: 'mobile.assessments',
    icon: <FormOutlined />,
    to: '/m/assessments',
    permission: 'assessment:perform',
  },
  {
    key: 'services',
    labelKey: 'mobile.orders',
    icon: <HeartOutlined />,
    to: '/m/services',
    permission: 'order:write',
  },
  // The elder's and family's complaints (issue 15 §7); staff handle them in the console.
  {
    key: 'complaints',
    labelKey: 'mobile.complaints',
    icon: <MessageOutlined />,
    to: '/m/complaints',
    permission: 'complaint:write',
    audience: 'personal',
  },
  {
    key: 'alarms',
    labelKey: 'mobile.alarms',
    icon: <AlertOutlined />,
    to: '/m/alarms',
    permission: 'alarm:respond',
  },
  {
    key: 'visits',
    labelKey: 'mobile.visits',
    icon: <ScheduleOutlined />,
    to: '/m/visits',
    permission: 'visit:perform',
  },
  { key: 'profile', labelKey: 'mobile.profile', icon: <UserOutlined />, to: '/m/profile' },
  { key: 'elder-mode', labelKey: 'mobile.elderMode', icon: <SettingOutlined />, to: '/m/settings' },
  { key: 'language', labelKey: 'mobile.language', icon: <GlobalOutlined />, to: '/m/language' },
  { key: 'logout', labelKey: 'mobile.logout', icon: <LogoutOutlined />, to: 'logout' },
];

export function visibleTiles(permissions: readonly string[], roles: readonly string[]): Tile[] {
  const audience = isPersonalAccount(roles) ? 'personal' : 'staff';
  return TILES.filter(
    (t) => (!t.permission || permissions.includes(t.permission)) && (!t.audience || t.audience === audience),
  );
}

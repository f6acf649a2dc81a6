import type { ReactNode } from 'react';
import {
  AlertOutlined,
  FormOutlined,
  HeartOutlined,
  GlobalOutlined,
  LogoutOutlined,
  SettingOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@yiyang/contracts';
import type { Messages } from '../i18n/zh-CN.ts';

/**
 * Home tiles of the mobile app. A module adds one line with the permission it
 * needs; only working functions are listed (no "coming soon" tiles).
 */
export interface Tile {
  key: string;
  labelKey: `mobile.${keyof Messages['mobile']}`;
  icon: ReactNode;
  /** A route under /m, or the special action 'logout'. */
  to: string | 'logout';
  permission?: Permission;
}

export const TILES: Tile[] = [
  {
    key: 'elders',
    labelKey: 'mobile.elders',
    icon: <SolutionOutlined />,
    to: '/m/elders',
    permission: 'elder:read',
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
  {
    key: 'alarms',
    labelKey: 'mobile.alarms',
    icon: <AlertOutlined />,
    to: '/m/alarms',
    permission: 'alarm:respond',
  },
  { key: 'profile', labelKey: 'mobile.profile', icon: <UserOutlined />, to: '/m/profile' },
  { key: 'elder-mode', labelKey: 'mobile.elderMode', icon: <SettingOutlined />, to: '/m/settings' },
  { key: 'language', labelKey: 'mobile.language', icon: <GlobalOutlined />, to: '/m/language' },
  { key: 'logout', labelKey: 'mobile.logout', icon: <LogoutOutlined />, to: 'logout' },
];

export function visibleTiles(permissions: readonly string[]): Tile[] {
  return TILES.filter((t) => !t.permission || permissions.includes(t.permission));
}

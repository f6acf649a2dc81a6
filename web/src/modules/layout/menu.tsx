import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AuditOutlined,
  ApartmentOutlined,
  ApiOutlined,
  LineChartOutlined,
  MessageOutlined,
  BankOutlined,
  FormOutlined,
  AlertOutlined,
  CarOutlined,
  EnvironmentOutlined,
  SafetyCertificateOutlined,
  HeartOutlined,
  HomeOutlined,
  ShopOutlined,
  TableOutlined,
  IdcardOutlined,
  TeamOutlined,
  UserOutlined,
  MedicineBoxOutlined,
} from '@ant-design/icons';
import type { Permission } from '@yiyang/contracts';
import type { Messages } from '../../i18n/zh-CN.ts';

/**
 * The console's one list of modules: side menu and routes both come from here.
 * A new module adds one line; it shows only when the user holds `permission`
 * and `available` is true (so a half-built module can be merged hidden).
 */
export interface ModuleEntry {
  key: string;
  path: string;
  labelKey: `nav.${keyof Messages['nav']}`;
  icon: ReactNode;
  permission: Permission;
  available: boolean;
  page: LazyExoticComponent<ComponentType>;
}

export const MODULES: ModuleEntry[] = [
  {
    key: 'home',
    path: '/',
    labelKey: 'nav.home',
    icon: <HomeOutlined />,
    permission: 'stats:read',
    available: true,
    page: lazy(() => import('../home/HomePage.tsx')),
  },
  {
    key: 'regions',
    path: '/regions',
    labelKey: 'nav.regions',
    icon: <ApartmentOutlined />,
    permission: 'region:read',
    available: true,
    page: lazy(() => import('../region/RegionsPage.tsx')),
  },
  {
    key: 'organisations',
    path: '/organisations',
    labelKey: 'nav.organisations',
    icon: <BankOutlined />,
    permission: 'organisation:read',
    available: true,
    page: lazy(() => import('../organisation/OrganisationsPage.tsx')),
  },
  {
    key: 'elders',
    path: '/elders',
    labelKey: 'nav.elders',
    icon: <UserOutlined />,
    permission: 'elder:read',
    available: true,
    page: lazy(() => import('../elder/ElderRegistryPage.tsx')),
  },
  {
    key: 'assessments',
    path: '/assessments',
    labelKey: 'nav.assessments',
    icon: <FormOutlined />,
    permission: 'assessment:read',
    available: true,
    page: lazy(() => import('../assessment/AssessmentsPage.tsx')),
  },
  {
    key: 'caregivers',
    path: '/caregivers',
    labelKey: 'nav.caregivers',
    icon: <IdcardOutlined />,
    permission: 'staff:read',
    available: true,
    page: lazy(() => import('../staff/CaregiversPage.tsx')),
  },
  {
    key: 'orders',
    path: '/orders',
    labelKey: 'nav.orders',
    icon: <CarOutlined />,
    permission: 'order:read',
    available: true,
    page: lazy(() => import('../order/OrdersPage.tsx')),
  },
  {
    key: 'alarms',
    path: '/alarms',
    labelKey: 'nav.alarms',
    icon: <AlertOutlined />,
    permission: 'alarm:read',
    available: true,
    page: lazy(() => import('../alarm/AlarmConsolePage.tsx')),
  },
  {
    key: 'alarm-stats',
    path: '/alarm-stats',
    labelKey: 'nav.alarmStats',
    icon: <LineChartOutlined />,
    permission: 'alarm:read',
    available: true,
    page: lazy(() => import('../alarm/AlarmStatsPage.tsx')),
  },
  {
    key: 'devices',
    path: '/devices',
    labelKey: 'nav.devices',
    icon: <ApiOutlined />,
    permission: 'device:read',
    available: true,
    page: lazy(() => import('../device/DevicesPage.tsx')),
  },
  {
    key: 'coverage',
    path: '/coverage',
    labelKey: 'nav.coverage',
    icon: <EnvironmentOutlined />,
    permission: 'facility:read',
    available: true,
    page: lazy(() => import('../coverage/CoveragePage.tsx')),
  },
  {
    key: 'facilities',
    path: '/facilities',
    labelKey: 'nav.facilities',
    icon: <ShopOutlined />,
    permission: 'facility:read',
    available: true,
    page: lazy(() => import('../facility/FacilitiesPage.tsx')),
  },
  {
    key: 'facilityPlans',
    path: '/facility-plans',
    labelKey: 'nav.facilityPlans',
    icon: <TableOutlined />,
    permission: 'facility:read',
    available: true,
    page: lazy(() => import('../facility/PlanTablesPage.tsx')),
  },
  {
    key: 'health',
    path: '/health',
    labelKey: 'nav.health',
    icon: <MedicineBoxOutlined />,
    permission: 'health:read',
    available: true,
    page: lazy(() => import('../health/HealthPage.tsx')),
  },
  {
    key: 'visits',
    path: '/visits',
    labelKey: 'nav.visits',
    icon: <SafetyCertificateOutlined />,
    permission: 'visit:review',
    available: true,
    page: lazy(() => import('../visit/VisitReviewPage.tsx')),
  },
  {
    key: 'feedback',
    path: '/complaints',
    labelKey: 'nav.feedback',
    icon: <MessageOutlined />,
    permission: 'complaint:read',
    available: true,
    page: lazy(() => import('../feedback/FeedbackPage.tsx')),
  },
  {
    key: 'services',
    path: '/services',
    labelKey: 'nav.services',
    icon: <HeartOutlined />,
    permission: 'service:read',
    available: true,
    page: lazy(() => import('../service/ServicesPage.tsx')),
  },
  {
    key: 'users',
    path: '/users',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    permission: 'user:read',
    available: true,
    page: lazy(() => import('../user/UsersPage.tsx')),
  },
  {
    key: 'audit',
    path: '/audit',
    labelKey: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit:read',
    available: true,
    page: lazy(() => import('../audit/AuditPage.tsx')),
  },
];

/**
 * Roles whose work is on the phone app (/m): the elder and family, volunteers, caregivers and responders.
 * An account holding only these lands there, never on a console page it may not open (issue 13 §6).
 */
const PHONE_ROLES: readonly string[] = ['elder', 'family_member', 'volunteer', 'caregiver', 'responder'];

/** Where a role's daily work is: it lands there rather than on the region overview. */
const ROLE_HOMES: readonly (readonly [role: string, path: string])[] = [
  ['assessor', '/assessments'],
  ['assessment_lead', '/assessments'],
  ['provider_admin', '/orders'],
  // Seats, their supervisor and the duty officer: the alarm console first (PRODUCT.md §4.6).
  ['hotline_operator', '/alarms'],
  ['seat_supervisor', '/alarms'],
  ['duty_officer', '/alarms'],
];

/**
 * The first screen after sign-in (issue 13 §6): the phone app for phone-only roles; the role's own work
 * (assessors, leads, providers, the hotline); the overview for those who may read it; else the first module
 * the account may open.
 */
export function landingPath(roles: readonly string[], visible: readonly ModuleEntry[]): string {
  if (roles.length > 0 && roles.every((r) => PHONE_ROLES.includes(r))) return '/m';
  const own = ROLE_HOMES.find(([role, path]) => roles.includes(role) && visible.some((m) => m.path === path));
  if (own) return own[1];
  if (visible.some((m) => m.path === '/')) return '/';
  return visible[0]?.path ?? '/m';
}

export function visibleModules(permissions: readonly string[]): ModuleEntry[] {
  return MODULES.filter((m) => m.available && permissions.includes(m.permission));
}

/**
 * Roles and permissions as data (PRODUCT.md §2). The server seeds these into
 * the `roles`/`permissions` tables; the console builds its menu from the
 * permissions of the signed-in user. Adding a permission here and to a role's
 * grant list is all it takes to expose a new capability.
 */
export const PERMISSIONS = [
  'region:read',
  'region:import',
  'organisation:read',
  'organisation:write',
  'user:read',
  'user:write',
  'audit:read',
  'audit:verify',
  'stats:read',
  // Later modules: declared now so roles are complete from day one.
  'elder:read',
  'elder:write',
  'elder:read_sensitive',
  'elder:import',
  'elder:export',
  'assessment:read',
  'assessment:apply',
  'assessment:assign',
  'assessment:perform',
  'assessment:review',
  'staff:read',
  'staff:write',
  'service:read',
  'service:write',
  'order:read',
  'order:write',
  'order:dispatch',
  'visit:perform',
  // The exception queue of verified visits (EVV): resolve anomalies, correct times with a reason.
  'visit:review',
  'device:read',
  'device:write',
  'alarm:read',
  'alarm:handle',
  // Raise an alarm for oneself or a bound elder (the phone's SOS button).
  'alarm:raise',
  // Go to an alarm one is dispatched to: accept it, record arrival (assigned to me, while it is open).
  'alarm:respond',
  // The duty rota, responders' bases, other seats' claims (seat supervisor, duty officer).
  'alarm:manage',
  // Health monitoring (issue 17 item 3): vital signs masked, rules, the alert queue and its false-alarm rates.
  'health:read',
  // Vital-sign values in full (sensitive health data: every such read is audited).
  'health:read_sensitive',
  // Enter vital signs, verify an alert (call the elder or family), escalate it to an alarm.
  'health:write',
  // Rules and per-elder thresholds.
  'health:manage',
  'facility:read',
  'facility:write',
  'programme:read',
  'programme:write',
  'volunteer:read',
  'volunteer:write',
  'timebank:use',
  'subsidy:read',
  'subsidy:write',
  'inspection:read',
  'inspection:write',
  'complaint:read',
  'complaint:write',
  'indicator:read',
  'integration:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'bureau_admin',
  'street_officer',
  'community_worker',
  'provider_admin',
  'caregiver',
  'assessor',
  'assessment_lead',
  'hotline_operator',
  'seat_supervisor',
  'duty_officer',
  'responder',
  'volunteer',
  'elder',
  'family_member',
  'inspector',
] as const;
export type RoleCode = (typeof ROLES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

const READ_ALL: Permission[] = PERMISSIONS.filter(
  (p) => p.endsWith(':read') && p !== 'audit:read',
) as Permission[];

const COMMUNITY_WORKER: Permission[] = [
  'region:read',
  'organisation:read',
  'user:read',
  'stats:read',
  'elder:read',
  'elder:write',
  'elder:import',
  'elder:export',
  'assessment:read',
  'assessment:apply',
  'service:read',
  'order:read',
  'order:write',
  'programme:read',
  'programme:write',
  'volunteer:read',
  'complaint:read',
  'complaint:write',
  'alarm:read',
  // The centres, stations and points of the community (issue 18): read, not edited.
  'facility:read',
  'health:read',
  'health:read_sensitive',
  'health:write',
];

const HOTLINE_OPERATOR: Permission[] = [
  'region:read',
  'stats:read',
  'elder:read',
  'elder:read_sensitive',
  'alarm:read',
  'alarm:handle',
  'device:read',
  'order:read',
  'order:write',
  'service:read',
  // 12349 takes complaints too.
  'complaint:read',
  'complaint:write',
  'health:read',
  'health:read_sensitive',
  'health:write',
];

/** Default grants; a deployment may change them in the database. */
export const ROLE_GRANTS: Record<RoleCode, readonly Permission[]> = {
  // alarm:raise: the bureau registers elders' and family members' accounts, which raise alarms.
  bureau_admin: PERMISSIONS.filter(
    (p) => !['visit:perform', 'assessment:perform', 'alarm:respond'].includes(p),
  ),
  // Street officers supervise communities and stand in for their workers.
  street_officer: [
    ...new Set<Permission>([...READ_ALL, ...COMMUNITY_WORKER]),
    'organisation:write',
    'user:write',
    'elder:write',
    'elder:import',
    'elder:export',
    'assessment:apply',
    'facility:write',
    'programme:write',
    'inspection:write',
    'complaint:write',
    // Provider contracts and service agreements of the street (the catalogue is the county's: scope).
    'service:write',
    'visit:review',
    // Call buttons, watches and sensors installed in the street's homes (issue 16).
    'device:write',
    'health:manage',
  ],
  community_worker: COMMUNITY_WORKER,
  provider_admin: [
    'region:read',
    'organisation:read',
    'user:read',
    'user:write',
    'stats:read',
    'staff:read',
    'staff:write',
    'service:read',
    'order:read',
    'order:dispatch',
    'visit:review',
    'elder:read',
    'subsidy:read',
    // The devices the provider installs and maintains (issue 16).
    'device:read',
    'device:write',
    // Complaints passed to the provider: it answers them with a corrective action (decision 027).
    'complaint:read',
    'complaint:write',
  ],
  caregiver: ['region:read', 'order:read', 'visit:perform', 'elder:read', 'service:read', 'alarm:respond'],
  assessor: ['region:read', 'elder:read', 'assessment:read', 'assessment:perform'],
  // 评估机构负责人 (decision 006): schedules the agency's assessors, scoped to the agency.
  assessment_lead: [
    'region:read',
    'organisation:read',
    'user:read',
    'elder:read',
    'assessment:read',
    'assessment:assign',
    'assessment:review',
    'staff:read',
    'staff:write',
  ],
  hotline_operator: HOTLINE_OPERATOR,
  // 坐席班长: a seat who also keeps the rota and is told when an alarm waits unclaimed.
  seat_supervisor: [...HOTLINE_OPERATOR, 'alarm:manage', 'user:read', 'health:manage'],
  // 区值班领导: told when no seat is on duty and when nobody reached an elder in time.
  duty_officer: [...HOTLINE_OPERATOR, 'alarm:manage', 'user:read'],
  // 响应人员 (station staff on call): only the alarms dispatched to them, while open (decision 010).
  responder: ['region:read', 'alarm:respond'],
  volunteer: ['timebank:use'],
  // Their own record / the elders bound to them with consent, never the region they live in (PERSONAL_ROLES).
  // service:read: the district catalogue with their own prices, their agreements.
  // complaint:*: file a complaint about their own services and follow it (never handle one).
  elder: [
    'elder:read',
    'order:write',
    'timebank:use',
    'service:read',
    'alarm:raise',
    'complaint:read',
    'complaint:write',
  ],
  family_member: [
    'elder:read',
    'order:write',
    'service:read',
    'alarm:raise',
    'complaint:read',
    'complaint:write',
  ],
  inspector: [...READ_ALL, 'inspection:write', 'audit:read'],
};

/**
 * Roles of people acting for themselves or for the elders bound to them (PRODUCT.md §2: "own account",
 * "own / bound elders"). What such an account may see comes from its relationships (its own registry record,
 * elders bound to it as family with consent, what is assigned to it), never from its region or organisation
 * binding, which only says who administers the account (decision 010). One account holds personal roles or
 * staff roles, not both.
 */
export const PERSONAL_ROLES: readonly RoleCode[] = ['elder', 'family_member', 'volunteer'];

/** Does an account holding these roles see data through its relationships only? */
export function isPersonalAccount(roles: readonly string[]): boolean {
  return roles.length > 0 && roles.every((r) => (PERSONAL_ROLES as readonly string[]).includes(r));
}

/** Role names for seeding; the console localises by `role.<code>` keys. */
export const ROLE_NAMES: Record<RoleCode, { zh: string; en: string }> = {
  bureau_admin: { zh: '民政局管理员', en: 'Civil-affairs bureau admin' },
  street_officer: { zh: '街镇干部', en: 'Street/town officer' },
  community_worker: { zh: '社区/村工作人员', en: 'Community/village worker' },
  provider_admin: { zh: '服务机构管理员', en: 'Provider admin' },
  caregiver: { zh: '护理员', en: 'Caregiver' },
  assessor: { zh: '评估员', en: 'Assessor' },
  assessment_lead: { zh: '评估机构负责人', en: 'Assessment agency lead' },
  hotline_operator: { zh: '坐席', en: 'Hotline operator' },
  seat_supervisor: { zh: '坐席班长', en: 'Seat supervisor' },
  duty_officer: { zh: '值班领导', en: 'Duty officer' },
  responder: { zh: '响应人员', en: 'Responder' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  elder: { zh: '老年人', en: 'Elder' },
  family_member: { zh: '家属', en: 'Family member' },
  inspector: { zh: '监管/第三方', en: 'Inspector' },
};

import type { AuthzFixtures } from '../../platform/module.ts';

/** Authorization-walk fixtures: TEMPORARY until the service and staff seams are merged. */
export const orderAuthz: AuthzFixtures<object, object> = async () => ({});

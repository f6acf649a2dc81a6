import { defineModule } from '../../platform/module.ts';

/** Emergency assistance (紧急援助, issue 16): alarms, the duty rota, responders, the escalation ladder. */
export const alarmModule = defineModule({
  name: 'alarm',
  needs: [],
  create: () => ({}),
});

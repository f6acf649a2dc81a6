/** The feedback module's public surface: complaints (投诉) and return visits (回访), issue 15 §7. */
export { feedbackModule } from './feedback.module.ts';

/** Ability assessment (能力评估): its manifest; nothing else of it is used by other modules. */
export { assessmentModule } from './assessment.module.ts';

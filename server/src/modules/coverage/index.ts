/** Coverage and the 15-minute service circle (issue 18 part B, decision 030): its manifest. */
export { coverageModule } from './coverage.module.ts';

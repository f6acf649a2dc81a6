/** Dashboard counts: its manifest; the counts come from each module's manifest (`stats`). */
export { statsModule } from './stats.module.ts';

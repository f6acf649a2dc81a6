/**
 * The downloaded assessments and their drafts (decision 006) in the device's shared offline store
 * (app/offline/store.ts). A copy is removed once its assessment is published; sign-out clears everything.
 */
import { deviceStore } from '../../app/offline/store.ts';
import type { LocalAssessment, LocalStore } from './offlineSync.ts';

export const offlineStore = (): LocalStore => deviceStore<LocalAssessment>('assessments');

import { elderRepo } from '../elder/elder.repo.ts';
export const planted = elderRepo;

import { findElder } from '../elder/index.ts';
export const planted = findElder;

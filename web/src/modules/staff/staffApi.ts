import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  CaregiverDetail,
  CaregiverList,
  StaffBaseBody,
  StaffCertificateCreateBody,
  StaffIndicators,
  StaffLeaveCreateBody,
  StaffShiftCreateBody,
  StaffTrainingCreateBody,
} from '@yiyang/contracts';

const user = (id: string) => `/staff/${encodeURIComponent(id)}`;

export function useCaregivers(regionCode: string | null) {
  return useQuery({
    queryKey: ['caregivers', regionCode],
    queryFn: ({ signal }) =>
      api.get<CaregiverList>('/staff/caregivers', { regionCode: regionCode ?? undefined }, { signal }),
    select: (d) => d.items,
  });
}

export function useStaffIndicators(regionCode: string | null) {
  return useQuery({
    queryKey: ['caregivers', 'indicators', regionCode],
    queryFn: ({ signal }) =>
      api.get<StaffIndicators>('/staff/indicators', { regionCode: regionCode ?? undefined }, { signal }),
  });
}

export function useCaregiver(userId: string | null) {
  return useQuery({
    queryKey: ['caregivers', 'detail', userId],
    queryFn: ({ signal }) =>
      api.get<CaregiverDetail>(`/staff/caregivers/${encodeURIComponent(userId!)}`, undefined, { signal }),
    enabled: !!userId,
  });
}

export const addCertificate = (id: string, body: StaffCertificateCreateBody) =>
  api.post(`${user(id)}/certificates`, body);
export const addTraining = (id: string, body: StaffTrainingCreateBody) =>
  api.post(`${user(id)}/trainings`, body);
export const addShift = (id: string, body: StaffShiftCreateBody) => api.post(`${user(id)}/shifts`, body);
export const addLeave = (id: string, body: StaffLeaveCreateBody) => api.post(`${user(id)}/leaves`, body);
export const setBase = (id: string, body: StaffBaseBody) => api.put(`${user(id)}/base`, body);

export type StaffRecord = 'certificates' | 'trainings' | 'shifts' | 'leaves';
export const removeRecord = (id: string, record: StaffRecord, recordId: string) =>
  api.delete(`${user(id)}/${record}/${encodeURIComponent(recordId)}`);

import type { Locale } from '@yiyang/contracts';
import type {
  ProviderContractCreateBody,
  ProviderContractList,
  ProviderContractTerminateBody,
  ProviderContractView,
  ServiceAgreementCreateBody,
  ServiceAgreementEndBody,
  ServiceAgreementList,
  ServiceAgreementSignBody,
  ServiceAgreementView,
  ServiceItemCreateBody,
  ServiceItemList,
  ServiceItemUpdateBody,
  ServiceItemView,
} from '@yiyang/contracts';
import { useTranslation } from 'react-i18next';
import { api, type Query } from '../../api/client.ts';

const id = (v: string) => encodeURIComponent(v);

export const getCatalogue = (q: Query) => api.get<ServiceItemList>('/service-items', q);
export const getPublicCatalogue = (q: Query) =>
  api.get<ServiceItemList>('/public/service-items', q, { allowUnauthorized: true });
export const getPublicDistricts = () =>
  api.get<{ items: { code: string; name: string }[] }>('/public/service-districts', undefined, {
    allowUnauthorized: true,
  });
export const createItem = (body: ServiceItemCreateBody) => api.post<ServiceItemView>('/service-items', body);
export const updateItem = (itemId: string, body: ServiceItemUpdateBody) =>
  api.patch<ServiceItemView>(`/service-items/${id(itemId)}`, body);

export const getContracts = (q: Query) => api.get<ProviderContractList>('/provider-contracts', q);
export const createContract = (body: ProviderContractCreateBody) =>
  api.post<ProviderContractView>('/provider-contracts', body);
export const terminateContract = (contractId: string, body: ProviderContractTerminateBody) =>
  api.post<ProviderContractView>(`/provider-contracts/${id(contractId)}/terminate`, body);

export const getAgreements = (q: Query) => api.get<ServiceAgreementList>('/service-agreements', q);
export const createAgreement = (body: ServiceAgreementCreateBody) =>
  api.post<ServiceAgreementView>('/service-agreements', body);
export const signAgreement = (agreementId: string, body: ServiceAgreementSignBody) =>
  api.post<ServiceAgreementView>(`/service-agreements/${id(agreementId)}/sign`, body);
export const endAgreement = (agreementId: string, body: ServiceAgreementEndBody) =>
  api.post<ServiceAgreementView>(`/service-agreements/${id(agreementId)}/end`, body);
export const agreementPdfUrl = (agreementId: string) =>
  `/api/v1/service-agreements/${id(agreementId)}/agreement.pdf`;

/** A contracts label (zh-CN, en-US) in the console's language. */
export function useLabel(): (labels: { readonly [L in Locale]: string }) => string {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (labels) => labels[locale];
}

/** Cents as yuan: ¥12.50. */
export const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

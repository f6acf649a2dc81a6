import { useMemo } from 'react';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The rules of required antd form fields: `enter` for what the user types
 * (请填写姓名), `choose` for what they pick from a list or a calendar
 * (请选择居住情况). The lint rule yiyang/required-message keeps each control
 * with the right one (web/eslint/required-message.js).
 */
export function useRequired(): { enter: (field: string) => FormRule; choose: (field: string) => FormRule } {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      enter: (field) => ({ required: true, whitespace: true, message: t('common.required', { field }) }),
      choose: (field) => ({ required: true, message: t('common.requiredChoice', { field }) }),
    }),
    [t],
  );
}

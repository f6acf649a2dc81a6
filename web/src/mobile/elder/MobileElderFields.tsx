import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { regionLevel } from '@yiyang/contracts';
import { useMe } from '../../app/session.tsx';
import { fetchRegionChildren } from '../../modules/region/regionApi.ts';

/** The phone elder form's controls (MobileElderForm.tsx): a labelled field and the region pickers. */

export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="yy-m-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="yy-m-hint" aria-live="polite">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="yy-m-field-error" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function initialPath(root: string | null, value: string): string[] {
  if (!root || !value || regionLevel(value) !== 'village' || !value.startsWith(root.replace(/0+$/, '')))
    return [];
  const town = `${value.slice(0, 9)}000`;
  return regionLevel(root) === 'town' ? [value] : [town, value];
}

/** Village-level pickers below the worker's own region, one native select per level. */
export function RegionCascade({
  value,
  onChange,
  invalid,
}: {
  value: string;
  onChange: (code: string) => void;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const root = me.regionCode;
  // Chosen codes below the root; an existing village opens with its town chosen.
  const [path, setPath] = useState<string[]>(() => initialPath(root, value));
  const levels = [root, ...path].filter((c): c is string => !!c && regionLevel(c) !== 'village');
  const fixed = root && regionLevel(root) === 'village';
  useEffect(() => {
    if (fixed && root && value !== root) onChange(root);
  }, [fixed, root, value, onChange]);
  if (!root) return null;
  // The first control carries the field's id, so its <label> names it (axe: label).
  if (fixed)
    return <input id="m-elder-regionCode" value={me.regionName ?? root} readOnly aria-readonly="true" />;
  return (
    <>
      {levels.map((code, i) => (
        <RegionLevelSelect
          key={code}
          parent={code}
          first={i === 0}
          invalid={invalid}
          selected={path[i] ?? ''}
          placeholder={t('elder.mobile.select')}
          onPick={(child) => {
            const next = [...path.slice(0, i), child].filter(Boolean);
            setPath(next);
            onChange(child && regionLevel(child) === 'village' ? child : '');
          }}
        />
      ))}
    </>
  );
}

function RegionLevelSelect({
  parent,
  first,
  selected,
  placeholder,
  invalid,
  onPick,
}: {
  parent: string;
  first: boolean;
  selected: string;
  placeholder: string;
  invalid: boolean;
  onPick: (code: string) => void;
}) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['regions', parent],
    queryFn: () => fetchRegionChildren(parent),
    staleTime: 600_000,
  });
  return (
    <select
      id={first ? 'm-elder-regionCode' : undefined}
      aria-label={first ? undefined : t('elder.region')}
      value={selected}
      aria-invalid={invalid}
      onChange={(e) => onPick(e.target.value)}
      className="yy-m-select"
      data-testid="m-elder-region"
    >
      <option value="">{placeholder}</option>
      {(q.data ?? []).map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </select>
  );
}

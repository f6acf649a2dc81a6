import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useDebouncedSearch } from '../../app/useDebounced.ts';
import type { OrganisationView, Page } from '@yiyang/contracts';

/** Remote-search organisation picker (`GET /organisations?q=`), usable as a Form control. */
export function OrganisationSelect({
  value,
  valueLabel,
  onChange,
  id,
  ariaLabel,
  regionCode,
  placeholder,
  style,
  testId,
  type,
}: {
  value?: string | null;
  valueLabel?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  ariaLabel?: string;
  regionCode?: string | null;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
  /** Only organisations of this type (e.g. `assessment_agency`). */
  type?: string;
}) {
  const [q, setInput] = useDebouncedSearch();

  const { data, isFetching } = useQuery({
    queryKey: ['organisation-options', regionCode ?? null, type ?? null, q],
    queryFn: ({ signal }) =>
      api.get<Page<OrganisationView>>(
        '/organisations',
        { q: q || undefined, regionCode: regionCode ?? undefined, type, limit: 20 },
        { signal },
      ),
    staleTime: 60_000,
  });

  const options = (data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: valueLabel ?? value });

  return (
    <Select<string>
      id={id}
      data-testid={testId}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      loading={isFetching}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder}
      style={{ minWidth: 220, ...style }}
    />
  );
}

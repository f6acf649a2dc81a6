import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useDebouncedSearch } from '../../app/useDebounced.ts';
import type { Page } from '@yiyang/contracts';
import type { ElderListItem } from '@yiyang/contracts';

/** Remote-search elder picker (`GET /elders?q=`, masked names), usable as a Form control. */
export function ElderPicker({
  value,
  valueLabel,
  onChange,
  id,
  regionCode,
  placeholder,
  testId,
}: {
  value?: string | null;
  /** Shown for a preselected elder before any search. */
  valueLabel?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  regionCode?: string | null;
  placeholder?: string;
  testId?: string;
}) {
  const [q, setInput] = useDebouncedSearch();
  const { data, isFetching } = useQuery({
    queryKey: ['elder-options', regionCode ?? null, q],
    queryFn: ({ signal }) =>
      api.get<Page<ElderListItem>>(
        '/elders',
        { q: q || undefined, regionCode: regionCode ?? undefined, limit: 20 },
        { signal },
      ),
    staleTime: 30_000,
  });
  const options = (data?.items ?? []).map((e) => ({
    value: e.id,
    label: `${e.nameMasked} · ${e.age} · ${e.regionName ?? ''} · ${e.idNumberMasked}`,
  }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: valueLabel ?? value });
  return (
    <Select<string>
      id={id}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      loading={isFetching}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder}
      style={{ width: '100%' }}
    />
  );
}

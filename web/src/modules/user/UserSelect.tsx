import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useDebouncedSearch } from '../../app/useDebounced.ts';
import type { Page, UserView } from '@yiyang/contracts';

/** Remote-search account picker (`GET /users?q=`): display name with the username beside it. */
export function UserSelect({
  value,
  onChange,
  ariaLabel,
  placeholder,
  style,
  testId,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  ariaLabel?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const [q, setInput] = useDebouncedSearch();
  const { data, isFetching } = useQuery({
    queryKey: ['user-options', q],
    queryFn: ({ signal }) => api.get<Page<UserView>>('/users', { q: q || undefined, limit: 20 }, { signal }),
    staleTime: 60_000,
  });
  const options = (data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）`,
  }));
  return (
    <Select<string>
      data-testid={testId}
      aria-label={ariaLabel}
      showSearch={{ filterOption: false, onSearch: setInput }}
      allowClear
      loading={isFetching}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder}
      style={{ minWidth: 200, ...style }}
    />
  );
}

import { useEffect, useState } from 'react';

/** `value` trimmed, after it stopped changing for `ms` (remote-search pickers). */
export function useDebouncedSearch(ms = 300): [string, (v: string) => void] {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), ms);
    return () => clearTimeout(h);
  }, [input, ms]);
  return [q, setInput];
}

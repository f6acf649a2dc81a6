import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { isRegionCode } from '@yiyang/contracts';
import { useMe } from '../../app/session.tsx';
import { fetchRegion } from './regionApi.ts';

/**
 * The region the console is looking at. It lives in the URL (`?region=`) so a
 * link or reload keeps it; pages read `regionCode` and pass it as the filter.
 * Defaults to the user's own region.
 */
export interface CurrentRegion {
  regionCode: string | null;
  regionName: string | null;
  setRegion: (code: string | null) => void;
}

const RegionContext = createContext<CurrentRegion | null>(null);
export const REGION_PARAM = 'region';

export function RegionProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get(REGION_PARAM);
  const regionCode = fromUrl && isRegionCode(fromUrl) ? fromUrl : me.regionCode;
  const isOwn = regionCode === me.regionCode;

  const { data } = useQuery({
    queryKey: ['region', regionCode],
    queryFn: () => fetchRegion(regionCode!),
    enabled: !!regionCode && !isOwn,
    staleTime: 10 * 60_000,
  });
  const regionName = isOwn ? me.regionName : (data?.name ?? null);

  const setRegion = useCallback(
    (code: string | null) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (!code || code === me.regionCode) next.delete(REGION_PARAM);
          else next.set(REGION_PARAM, code);
          return next;
        },
        { replace: false },
      );
    },
    [setParams, me.regionCode],
  );

  const value = useMemo(() => ({ regionCode, regionName, setRegion }), [regionCode, regionName, setRegion]);
  return <RegionContext.Provider value={value}>{children}</RegionContext.Provider>;
}

export function useCurrentRegion(): CurrentRegion {
  const v = useContext(RegionContext);
  if (!v) throw new Error('useCurrentRegion outside RegionProvider');
  return v;
}

import { useTranslation } from 'react-i18next';
import { GeoMap } from '../../app/map/GeoMap.tsx';

export interface MapPoint {
  label: string;
  lat: number;
  lng: number;
}

const COLOURS = ['#cf1322', '#0a6b5a', '#1677ff', '#d48806'];

/**
 * Where the alarm is: the alarm's position, the elder's home, the responder's arrival — on the product's one
 * map (`app/map/GeoMap.tsx`: no tiles, the platform runs offline; a kilometre as long across as up), each
 * point its own layer of the legend, with the same points in a table for screen readers.
 */
export function AlarmMap({ points }: { points: MapPoint[] }) {
  const { t } = useTranslation();
  if (points.length === 0) return null;
  return (
    <GeoMap
      title={t('alarm.mapTable')}
      tableTitle={t('alarm.mapTable')}
      testId="alarm-map"
      height={260}
      table="open"
      layers={points.map((p, i) => ({
        kind: 'points',
        key: String(i),
        name: p.label,
        color: COLOURS[i % COLOURS.length]!,
        size: 14,
        labels: true,
        points: [{ id: String(i), lat: p.lat, lng: p.lng, label: p.label }],
      }))}
    />
  );
}

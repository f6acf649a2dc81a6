import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus, LevelRef } from './assessmentTypes.ts';
import { stdText } from './standardTypes.ts';

// Text colours keep ≥ 4.5:1 on their backgrounds (antd presets do not all).
const GREEN = { color: '#1b5e20', background: '#edf7ed', borderColor: '#a5d6a7' };
const BLUE = { color: '#0d47a1', background: '#e8f0fb', borderColor: '#90caf9' };
const ORANGE = { color: '#8a3b00', background: '#fff3e0', borderColor: '#ffcc80' };
const RED = { color: '#a51d1d', background: '#fdecec', borderColor: '#f5b5b5' };
const GREY = { color: 'rgba(0,0,0,0.78)', background: '#eeeeee', borderColor: '#bdbdbd' };

const STATUS_STYLES: Record<AssessmentStatus, React.CSSProperties> = {
  applied: GREY,
  assigned: BLUE,
  in_progress: BLUE,
  submitted: ORANGE,
  signing: ORANGE,
  published: GREEN,
  disputed: RED,
  superseded: GREY,
  cancelled: GREY,
};

export function AssessmentStatusTag({ status }: { status: AssessmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag style={STATUS_STYLES[status]} data-testid="assessment-status">
      {t(`assessment.statuses.${status}`)}
    </Tag>
  );
}

const LEVEL_STYLES = [GREEN, BLUE, ORANGE, RED, RED];

/** A level by its code and short name (轻度失能 …). */
export function LevelTag({
  code,
  name,
  title,
}: {
  code: number | null | undefined;
  name?: string | null;
  title?: string;
}) {
  if (code === null || code === undefined) return null;
  return (
    <Tag style={LEVEL_STYLES[code] ?? GREY} title={title} data-testid="assessment-level">
      {name ?? code}
    </Tag>
  );
}

/** A scored level (LevelRef) in the UI language. */
export function LevelRefTag({ level }: { level: LevelRef | null | undefined }) {
  const { i18n } = useTranslation();
  if (!level) return null;
  const en = i18n.language.startsWith('en');
  return (
    <LevelTag code={level.code} name={en ? level.en : level.zhShort} title={stdText(level, i18n.language)} />
  );
}

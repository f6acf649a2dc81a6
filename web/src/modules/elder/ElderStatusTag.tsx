import { Tag } from 'antd';
import type { ElderStatus } from '@yiyang/contracts';
import { useElderLabels } from './useElderLabels.ts';

// Text colours keep ≥ 4.5:1 on their backgrounds (antd presets do not all).
const STYLES: Record<ElderStatus, React.CSSProperties> = {
  active: { color: '#1b5e20', background: '#edf7ed', borderColor: '#a5d6a7' },
  moved_out: { color: '#5d4037', background: '#f5efe9', borderColor: '#d7ccc8' },
  in_institution: { color: '#0d47a1', background: '#e8f0fb', borderColor: '#90caf9' },
  hospitalised: { color: '#8a3b00', background: '#fff3e0', borderColor: '#ffcc80' },
  deceased: { color: 'rgba(0,0,0,0.78)', background: '#eeeeee', borderColor: '#bdbdbd' },
};

export function ElderStatusTag({ status }: { status: ElderStatus }) {
  const labels = useElderLabels();
  return <Tag style={STYLES[status]}>{labels.status(status)}</Tag>;
}

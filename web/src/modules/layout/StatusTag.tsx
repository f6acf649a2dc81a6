import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** Status tags with ≥ 4.5:1 text contrast (antd's preset green is 3.4:1). */
export function StatusTag({ active, children }: { active: boolean; children: ReactNode }) {
  return (
    <Tag
      style={
        active
          ? { color: '#1b5e20', background: '#edf7ed', borderColor: '#a5d6a7' }
          : { color: 'rgba(0,0,0,0.78)', background: '#f2f2f2', borderColor: '#d0d0d0' }
      }
    >
      {children}
    </Tag>
  );
}

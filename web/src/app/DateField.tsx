import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * A calendar date (YYYY-MM-DD, what the API takes) picked in the UI's locale: antd's picker under the
 * console's ConfigProvider, not `<input type="date">`, which shows the browser's format (mm/dd/yyyy on an
 * English browser) whatever the UI language.
 */
export function DateField(props: {
  value: string | undefined;
  onChange: (ymd: string | undefined) => void;
  ariaLabel: string;
  testId?: string;
  width?: number;
}) {
  return (
    <DatePicker
      aria-label={props.ariaLabel}
      placeholder={props.ariaLabel}
      format="YYYY-MM-DD"
      value={props.value ? dayjs(props.value, 'YYYY-MM-DD') : null}
      onChange={(_, s) => props.onChange(typeof s === 'string' && s ? s : undefined)}
      style={{ width: props.width ?? 160 }}
      data-testid={props.testId}
    />
  );
}

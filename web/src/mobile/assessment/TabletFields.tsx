import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  setBasic,
  setMatrix,
  specifyKey,
  toggleMulti,
  type FormDraft,
} from '../../modules/assessment/formModel.ts';
import type { StdField, StdFieldOption, StdItem } from '../../modules/assessment/standardTypes.ts';
import { stdText } from '../../modules/assessment/standardTypes.ts';

/** Big single-choice buttons (≥ 60 px, STANDARDS.md §6.1), one radio group. */
function Choice({
  labelId,
  options,
  value,
  onPick,
  testId,
  score,
}: {
  labelId: string;
  options: readonly { value: string; text: string; score?: number }[];
  value: string | undefined;
  onPick: (v: string) => void;
  testId: string;
  score?: boolean;
}) {
  return (
    <div role="radiogroup" aria-labelledby={labelId} className="yy-m-opts">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          className="yy-m-opt"
          onClick={() => onPick(o.value)}
          data-testid={`${testId}-${o.value}`}
        >
          <span className="yy-m-opt-mark" aria-hidden>
            {value === o.value ? '●' : '○'}
          </span>
          {score && o.score !== undefined && <span className="yy-m-opt-score">{o.score}</span>}
          <span className="yy-m-opt-text">{o.text}</span>
        </button>
      ))}
    </div>
  );
}

/** One Appendix B item: code, name, definition and its options as big buttons. */
export function TabletItem({
  item,
  value,
  missing,
  onPick,
}: {
  item: StdItem;
  value: string | undefined;
  missing: boolean;
  onPick: (v: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  return (
    <section
      className={`yy-m-question${missing ? ' yy-m-question-missing' : ''}`}
      id={`q-${item.code}`}
      data-testid={`m-item-${item.code}`}
    >
      <h3 className="yy-m-question-title" id={labelId}>
        {item.code} {stdText(item, i18n.language)}
        {missing && <span className="yy-m-required"> · {t('assessment.tablet.required')}</span>}
      </h3>
      {item.definition && <p className="yy-m-hint">{item.definition}</p>}
      {item.note && <p className="yy-m-hint">{item.note}</p>}
      {item.instructions && <p className="yy-m-hint">{item.instructions}</p>}
      <Choice
        labelId={labelId}
        options={item.options.map((o) => ({
          value: o.value,
          text: stdText(o, i18n.language),
          score: o.score,
        }))}
        value={value}
        onPick={onPick}
        testId={`m-opt-${item.code}`}
        score
      />
    </section>
  );
}

const flat = (options: readonly StdFieldOption[] | undefined, lang: string) =>
  (options ?? []).flatMap((o) =>
    o.children?.length
      ? o.children.map((c) => ({ ...c, text: `${stdText(o, lang)}：${stdText(c, lang)}` }))
      : [{ ...o, text: `${stdText(o, lang)}${o.icd ? ` ${o.icd}` : ''}` }],
  );

/** One Appendix A field, rendered from its type in the standard's data. */
export function TabletField({
  field,
  draft,
  missing,
  onChange,
}: {
  field: StdField;
  draft: FormDraft;
  missing: readonly string[];
  onChange: (d: FormDraft) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const labelId = useId();
  const inputId = useId();
  const v = draft.basicInfo[field.code];
  const isMissing = missing.some((m) => m === field.code || m.startsWith(`${field.code}/`));
  const options = flat(field.options, lang);
  const chosen = Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : [];
  const specify = options.filter((o) => o.specify && chosen.includes(o.value));
  const title = (
    <h3 className="yy-m-question-title" id={labelId}>
      {field.code} {stdText(field, lang)}
      {field.unit ? `（${field.unit}）` : ''}
      {isMissing && <span className="yy-m-required"> · {t('assessment.tablet.required')}</span>}
    </h3>
  );

  let control: React.ReactNode;
  switch (field.type) {
    case 'single':
      control =
        options.length > 12 ? (
          <select
            className="yy-m-select"
            aria-labelledby={labelId}
            value={typeof v === 'string' ? v : ''}
            onChange={(e) => onChange(setBasic(draft, field.code, e.target.value))}
            data-testid={`m-field-${field.code}`}
          >
            <option value="">—</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>
        ) : (
          <Choice
            labelId={labelId}
            options={options}
            value={typeof v === 'string' ? v : undefined}
            onPick={(x) => onChange(setBasic(draft, field.code, x))}
            testId={`m-opt-${field.code}`}
          />
        );
      break;
    case 'multi':
      control = (
        <div role="group" aria-labelledby={labelId} className="yy-m-opts">
          {options.map((o) => (
            <button
              key={o.value}
              type="button"
              aria-pressed={chosen.includes(o.value)}
              className="yy-m-opt"
              onClick={() => onChange(setBasic(draft, field.code, toggleMulti(field, v, o.value)))}
              data-testid={`m-opt-${field.code}-${o.value}`}
            >
              <span className="yy-m-opt-mark" aria-hidden>
                {chosen.includes(o.value) ? '☑' : '☐'}
              </span>
              <span className="yy-m-opt-text">{o.text}</span>
            </button>
          ))}
        </div>
      );
      break;
    case 'matrix': {
      const m = (v && typeof v === 'object' ? v : {}) as Record<string, string>;
      control = (
        <div role="group" aria-labelledby={labelId}>
          {(field.rows ?? []).map((row) => (
            <MatrixRow
              key={row.value}
              label={stdText(row, lang)}
              options={options}
              value={m[row.value]}
              missing={missing.includes(`${field.code}/${row.value}`)}
              onPick={(x) => onChange(setMatrix(draft, field.code, row.value, x))}
              testId={`m-opt-${field.code}-${row.value}`}
            />
          ))}
        </div>
      );
      break;
    }
    case 'rows': {
      const rows = Array.isArray(v) ? (v as Record<string, string>[]) : [];
      const set = (next: Record<string, string>[]) => onChange(setBasic(draft, field.code, next));
      control = (
        <div role="group" aria-labelledby={labelId} className="yy-m-rows">
          {rows.map((r, i) => (
            <div key={i} className="yy-m-row">
              {(field.columns ?? []).map((c) => (
                <label key={c.value} className="yy-m-field">
                  <span>{stdText(c, lang)}</span>
                  <input
                    value={r[c.value] ?? ''}
                    onChange={(e) =>
                      set(rows.map((x, j) => (j === i ? { ...x, [c.value]: e.target.value } : x)))
                    }
                  />
                </label>
              ))}
              <button
                type="button"
                className="yy-m-link-button"
                onClick={() => set(rows.filter((_, j) => j !== i))}
              >
                {t('assessment.tablet.removeRow')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="yy-m-action"
            onClick={() => set([...rows, {}])}
            data-testid={`m-field-${field.code}-add`}
          >
            + {t('assessment.tablet.addRow')}
          </button>
        </div>
      );
      break;
    }
    case 'textarea':
      control = (
        <textarea
          id={inputId}
          aria-labelledby={labelId}
          className="yy-m-textarea"
          value={typeof v === 'string' ? v : ''}
          onChange={(e) => onChange(setBasic(draft, field.code, e.target.value))}
          data-testid={`m-field-${field.code}`}
        />
      );
      break;
    default:
      control = (
        <div className="yy-m-field">
          <input
            id={inputId}
            aria-labelledby={labelId}
            type={field.type === 'date' ? 'date' : field.type === 'phone' ? 'tel' : 'text'}
            inputMode={field.type === 'number' ? 'decimal' : undefined}
            value={v === undefined || v === null ? '' : String(v)}
            onChange={(e) => {
              const raw = e.target.value;
              const n = Number(raw);
              onChange(
                setBasic(
                  draft,
                  field.code,
                  field.type === 'number' && raw !== '' && !Number.isNaN(n) ? n : raw,
                ),
              );
            }}
            data-testid={`m-field-${field.code}`}
          />
        </div>
      );
  }

  return (
    <section className={`yy-m-question${isMissing ? ' yy-m-question-missing' : ''}`} id={`q-${field.code}`}>
      {title}
      {field.help && <p className="yy-m-hint">{field.help}</p>}
      {control}
      {specify.map((o) => (
        <label key={o.value} className="yy-m-field">
          <span>
            {o.text} · {t('assessment.tablet.specify')}
          </span>
          <input
            value={String(draft.basicInfo[specifyKey(field.code, o.value)] ?? '')}
            onChange={(e) => onChange(setBasic(draft, specifyKey(field.code, o.value), e.target.value))}
          />
        </label>
      ))}
    </section>
  );
}

function MatrixRow({
  label,
  options,
  value,
  missing,
  onPick,
  testId,
}: {
  label: string;
  options: readonly { value: string; text: string }[];
  value: string | undefined;
  missing: boolean;
  onPick: (v: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="yy-m-matrix-row">
      <h4 className="yy-m-matrix-label" id={id}>
        {label}
        {missing && <span className="yy-m-required"> · {t('assessment.tablet.required')}</span>}
      </h4>
      <Choice labelId={id} options={options} value={value} onPick={onPick} testId={testId} />
    </div>
  );
}

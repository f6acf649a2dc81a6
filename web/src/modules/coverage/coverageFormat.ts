/** A share as a percentage with one decimal, '—' when there is nothing to divide by. */
export const percent = (r: number | null | undefined) =>
  r === null || r === undefined ? '—' : `${(r * 100).toFixed(1)}%`;

/** A plain number with one decimal at most, '—' when unknown. */
export const decimal = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : String(Math.round(x * 10) / 10);

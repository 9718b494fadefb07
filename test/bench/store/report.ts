/** Formatting and the few statistics the report needs; every input is a measured time or count. */

export interface Row {
  label: string;
  cells: string[];
}

export function fmtRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return Math.round(value).toLocaleString('en-US');
}

export function fmtRatio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(2)}x`;
}

export function printTable(title: string, columns: string[], rows: Row[]): void {
  const labelWidth = Math.max(title.length, ...rows.map((r) => r.label.length));
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r.cells[i].length)));
  const line = (label: string, values: string[]): string =>
    `${label.padEnd(labelWidth)} | ${values.map((v, i) => v.padStart(widths[i])).join(' | ')}`;
  console.log(line(title, columns));
  console.log(`${'-'.repeat(labelWidth)}-+-${widths.map((w) => '-'.repeat(w)).join('-+-')}`);
  for (const r of rows) console.log(line(r.label, r.cells));
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

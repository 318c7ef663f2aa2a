// A measurement document as CSV: one row per kernel case, SI units, full precision (spreadsheets round).
import type { MeasurementDocument } from '../../measure/document.ts';

const columns = [
  'kernel',
  'dtype',
  'shape',
  'label',
  'bytes_per_dispatch',
  'flop_per_dispatch',
  'samples',
  'median_s_per_dispatch',
  'best_s_per_dispatch',
  'cv',
  'bytes_per_s',
  'flop_per_s',
  'flop_per_byte',
  'verified',
  'timing',
  'error',
  'warnings',
  'working_set_bytes',
  'cache_resident',
  'variant',
] as const;

/**
 * Text a spreadsheet would run as a formula: =, +, -, @ (or a tab or carriage return) first, after any
 * whitespace, no-break spaces included (LibreOffice and Excel skip leading blanks before a formula).
 */
const FORMULA_START = /^[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]*[=+\-@\t\r]/;

/**
 * RFC 4180 quoting: fields with a comma, a semicolon (the separator in locales whose decimal mark is a
 * comma, where a spreadsheet would split the field there and start a cell with what follows), a quote or
 * a newline are quoted, quotes doubled. Text that starts like a formula gets a leading apostrophe, which
 * spreadsheets show as text instead of evaluating (OWASP "CSV injection"): a label in an imported document
 * must not become =HYPERLINK(…) in someone's spreadsheet. Numbers are written as they are.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function documentToCsv(document: MeasurementDocument): string {
  const rows = document.measurements.map((m) =>
    [
      m.kernel,
      m.dtype,
      Object.entries(m.shape)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
      m.label,
      m.bytesPerDispatch,
      m.flopsPerDispatch,
      m.samplesSeconds.length,
      m.secondsPerDispatch?.median ?? null,
      m.secondsPerDispatch?.best ?? null,
      m.cv,
      m.bytesPerSecond,
      m.flopsPerSecond,
      m.arithmeticIntensity,
      m.verified,
      m.timingMethod,
      m.error,
      // one field: the runner's warnings, separated by ' | '
      m.warnings.length > 0 ? m.warnings.join(' | ') : null,
      m.workingSetBytes,
      m.cacheResident,
      m.variant,
    ]
      .map(csvField)
      .join(','),
  );
  return `${[columns.join(','), ...rows].join('\r\n')}\r\n`;
}

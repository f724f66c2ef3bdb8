/**
 * PostgreSQL's COPY text format (`COPY … FROM STDIN`, the default format): one line per row, values separated by tabs,
 * `\N` for null, and backslash, newline, carriage return and tab escaped with a backslash. Nothing else is special.
 */

export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One row, with its line end. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += '\t';
    line += copyValue(values[index]);
  }
  return line + '\n';
}

function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (character) => ESCAPES[character]) : value;
}

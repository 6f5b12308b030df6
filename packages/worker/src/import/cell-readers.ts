/**
 * How a CSV cell reads when its meaning does not depend on the column: empty cells, booleans and
 * multi-valued cells. Numbers and dates depend on the column's conventions (number-forms.ts,
 * date-forms.ts, column-type.ts).
 */

/** Empty and whitespace-only cells are no value: the property is absent from that record. */
export function isEmptyCell(cell: string): boolean {
  // A cell starting with a printable ASCII character is not empty: most are, and need no trim.
  const first = cell.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return cell.trim() === '';
}

/**
 * true/false and yes/no in any case. Unlike decision D7's reading of a declared boolean, 1 and 0 are
 * not booleans here: a 0/1 column (a CRM's `Converted`) is imported as the numbers it holds.
 */
export function readBoolean(cell: string): boolean | undefined {
  const text = cell.trim().toLowerCase();
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;
  return undefined;
}

/**
 * A multi-valued cell's values: the text between `;`s, as decision D7 splits a declared `multi`
 * (nothing trimmed, empty parts dropped), so the import and the engine read a cell alike.
 */
export function readMulti(cell: string): string[] {
  return cell.split(';').filter((part) => part !== '');
}

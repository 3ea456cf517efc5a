// @ts-check
// How a target row's last column reads, the same for every row of `make bench` (benches/run.mjs,
// benches/browser.mjs): a target row may carry, besides `ok` (the value meets the target),
// `floorOk`: whether the design's floor measured in the same run meets it. When even that floor
// misses, the target can't be met by work on the code the design leaves room for, and the row
// says so instead of a plain MISS.

/** The last column of a target row that the design's own floor misses. */
export const BELOW_FLOOR = "below the design's floor";

/**
 * The target table's last column: '' (printed, no target), ok, MISS, or BELOW_FLOOR.
 * @param {{ ok?: boolean, floorOk?: boolean }} row
 */
export function targetMark(row) {
  if (row.ok === undefined) return '';
  if (row.ok) return 'ok';
  return row.floorOk === false ? BELOW_FLOOR : 'MISS';
}

/**
 * The same for the README's cells: ✓, ✗, or ✗ with why and, in `designFloor`, the floor in a
 * few words.
 * @param {{ ok?: boolean, floorOk?: boolean, designFloor?: string }} row
 */
export function readmeMark(row) {
  const mark = targetMark(row);
  if (mark === '') return '';
  if (mark === 'ok') return ' ✓';
  if (mark === 'MISS') return ' ✗';
  return ` ✗ (${mark}${row.designFloor ? `: ${row.designFloor}` : ''})`;
}

/**
 * The first row of a result that always has one (an aggregate, `current_setting`, `RETURNING`):
 * named here so that `noUncheckedIndexedAccess` is satisfied by a check that says what broke,
 * rather than by a `!` that would turn a surprise into "cannot read properties of undefined".
 */
export function firstRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what}: expected a row, got none`);
  return row;
}

/**
 * The item at `index` of an array that is known to have it (parallel arrays built from the same
 * list): throws, naming the array, if it does not, instead of carrying `undefined` along.
 */
export function itemAt<T>(items: readonly T[], index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`${what}: no item at ${index} of ${items.length}`);
  return item;
}

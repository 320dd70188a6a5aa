// Index reads for the secrecy model and its solvers, which address cells,
// relations, margins and columns by the numbers they gave them.

/**
 * items[i], for an index the caller made: a miss is a bug, thrown with the
 * index rather than carried on as undefined.
 */
export function at<T>(items: ArrayLike<T>, i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`index ${i} outside 0..${items.length - 1}`);
  return item;
}

// The auditor of statistical secrecy: given which établissement cells are
// secret, which of them a reader can recompute exactly from what is
// published, by linear algebra over the published relations.
//
// Unknowns are the secret leaves (filière cells). What a reader knows is a
// set of linear forms over them: each published total or voie cell (the sum
// of its leaves, minus the published ones) and each margin of the synthèse
// (likewise). A secret cell is recomputable exactly when its own form (its
// secret leaves) lies in the span of what is known: the rank test, decided
// with exact integer arithmetic (sparse-echelon.ts).
//
// Leaves that no known form tells apart (the same known forms hold each)
// are merged into one column first: a span vector gives them one
// coefficient, so a cell holding some but not all of them cannot be
// recomputed, and the others reduce to far fewer columns. With every cell
// secret, only margins remain and the columns come down to
// département × filière.
import type { SecrecyModel } from './secrecy-model.js';
import { SparseEchelon, type SparseRow } from './sparse-echelon.js';

/**
 * Secret cells (non-zero in `secret`) whose figures follow exactly from the published ones, in
 * index order.
 */
export function recomputableCells(model: SecrecyModel, secret: ArrayLike<number>): number[] {
  const known = knownForms(model, secret);
  const { classOf, classSize } = mergeIndistinguishable(known, model.cells.length);
  const echelon = new SparseEchelon();
  for (const form of [...known].sort((a, b) => a.length - b.length))
    echelon.add(overClasses(form, classOf));

  const out: number[] = [];
  model.cells.forEach((cell, i) => {
    if (!secret[i]) return;
    const leaves = cell.leaves.filter((l) => secret[l]);
    if (isWholeClasses(leaves, classOf, classSize) && echelon.spans(overClasses(leaves, classOf)))
      out.push(i);
  });
  return out;
}

/** What a reader knows, as sets of secret leaves: published totals and voies, then margins. */
function knownForms(model: SecrecyModel, secret: ArrayLike<number>): number[][] {
  const forms: number[][] = [];
  const keep = (leaves: readonly number[]) => {
    const hidden = leaves.filter((l) => secret[l]);
    if (hidden.length) forms.push(hidden);
  };
  model.cells.forEach((cell, i) => {
    if (!secret[i] && cell.kind !== 'filiere') keep(cell.leaves);
  });
  for (const margin of model.margins) keep(margin);
  return forms;
}

/**
 * Leaf → class of the leaves held by exactly the same known forms (a leaf in
 * no known form gets no class), by partition refinement: each form splits
 * every class it cuts into the part inside and the part outside.
 */
function mergeIndistinguishable(
  forms: readonly number[][],
  cells: number,
): { classOf: Map<number, number>; classSize: number[] } {
  const refined = new Int32Array(cells).fill(-1);
  let next = 0;
  for (const form of forms) {
    const split = new Map<number, number>();
    for (const leaf of form) {
      const before = refined[leaf] ?? -1;
      let after = split.get(before);
      if (after === undefined) split.set(before, (after = next++));
      refined[leaf] = after;
    }
  }
  // Number the classes densely, in leaf order: columns stay grouped by établissement.
  const classOf = new Map<number, number>();
  const dense = new Map<number, number>();
  const classSize: number[] = [];
  refined.forEach((k, leaf) => {
    if (k < 0) return;
    let c = dense.get(k);
    if (c === undefined) dense.set(k, (c = classSize.push(0) - 1));
    classOf.set(leaf, c);
    classSize[c] = (classSize[c] ?? 0) + 1;
  });
  return { classOf, classSize };
}

/**
 * A cell's secret leaves cover each class they touch entirely (and every leaf is in some known
 * form).
 */
function isWholeClasses(
  leaves: readonly number[],
  classOf: Map<number, number>,
  classSize: readonly number[],
): boolean {
  const count = new Map<number, number>();
  for (const leaf of leaves) {
    const k = classOf.get(leaf);
    if (k === undefined) return false; // in no known form: nothing can tell its value
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  for (const [k, n] of count) if (n !== classSize[k]) return false;
  return true;
}

function overClasses(leaves: readonly number[], classOf: Map<number, number>): SparseRow {
  // Every leaf here has a class: it is in a known form, or isWholeClasses said so.
  const classes = leaves.flatMap((leaf) => classOf.get(leaf) ?? []);
  const cols = [...new Set(classes)].sort((a, b) => a - b);
  return { cols, vals: cols.map(() => 1) };
}

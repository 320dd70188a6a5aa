// The published linear relations between établissement figures, as the
// statistical-secrecy suppression (secrecy.ts) and its auditor
// (secrecy-audit.ts) see them.
//
// A cell is what is published or secret as a whole: an établissement's
// total, one of its voies (whose mention counts the table gives), one of
// its filières. Cells without présents are left out: they are published as
// 0, nobody is behind them, and they add nothing to any sum.
//
// Every measure (présents, admis, each mention) obeys the same relations,
// so one structure serves them all. The model credits a reader with every
// figure of a published cell, a voie's présents included although the
// table does not print them: crediting the reader with more than they have
// errs on the safe side. Filière keys the table does not publish ("autre")
// are left out for the same reason: the relations then look tighter than
// they are.
//
// Relations, each the set of cells one published equation ties together:
// - per établissement: total = Σ its voies; voie = Σ its filières;
// - margins, the synthèse lines that are always published: académie =
//   Σ totals; département = Σ its établissements' totals; voie = Σ voie
//   cells; voie × département; série or domaine = Σ its filière cells
//   (one margin per filière: for "gnle" it repeats the voie, harmlessly).
// For the auditor, each cell is also the sum of its leaves (its filière
// cells), and each margin the set of its leaves.
import { filieres, voieOfFiliere } from './filieres.js';
import { at } from './indexed.js';
import { VOIES } from './labels.js';
import type { EtablissementCounts } from './stats.types.js';

export interface SecrecyCell {
  kind: 'total' | 'voie' | 'filiere';
  /** Index of its établissement in the input. */
  etab: number;
  /** The voie of a voie cell, the filière key of a filière cell, "" for a total. */
  key: string;
  presents: number;
  /** Indices of the filière cells it sums (a filière cell: itself). */
  leaves: number[];
}

export interface SecrecyModel {
  cells: SecrecyCell[];
  /**
   * Per-établissement relations first (whole and parts), then margins (parts only: the margin
   * itself is published).
   */
  relations: number[][];
  /** Indices of the relations each cell belongs to. */
  relationsOf: number[][];
  /** Each margin as the set of leaves it sums. */
  margins: number[][];
  /** Per cell, the margins that sum any of its leaves: cells alike in many are natural partners. */
  marginsOf: number[][];
}

/**
 * Margins by name ("filiere|stmg", "departement|02"...), numbered as first met, with their member
 * cells.
 */
class Margins {
  private readonly byName = new Map<string, { id: number; cells: number[] }>();
  readonly members: number[][] = [];
  add(name: string, cell: number): number {
    let margin = this.byName.get(name);
    if (!margin) {
      margin = { id: this.members.length, cells: [] };
      this.members.push(margin.cells);
      this.byName.set(name, margin);
    }
    margin.cells.push(cell);
    return margin.id;
  }
}

export function secrecyModel(
  etablissements: readonly EtablissementCounts[],
  session: string,
): SecrecyModel {
  const cells: SecrecyCell[] = [];
  const marginsOf: number[][] = [];
  const relations: number[][] = [];
  const margins = new Margins();
  /** Numbers the cell; its margins are filled in as they are met. */
  const add = (cell: SecrecyCell) => {
    const ofCell: number[] = [];
    marginsOf.push(ofCell);
    return { index: cells.push(cell) - 1, cell, margins: ofCell };
  };
  const byVoie = VOIES.map(
    (v) => [v, filieres(session).filter((f) => voieOfFiliere(session, f) === v)] as const,
  );

  etablissements.forEach((e, etab) => {
    if (e.total.presents === 0) return;
    const total = add({ kind: 'total', etab, key: '', presents: e.total.presents, leaves: [] });
    const around = [
      margins.add('academie', total.index),
      margins.add(`departement|${e.departement}`, total.index),
    ];
    const voies: ReturnType<typeof add>[] = [];
    for (const [v, fs] of byVoie) {
      const counts = e.voies[v];
      if (!counts || counts.presents === 0) continue;
      const voie = add({ kind: 'voie', etab, key: v, presents: counts.presents, leaves: [] });
      const ofVoie = [
        ...around,
        margins.add(`voie|${v}`, voie.index),
        margins.add(`voie-departement|${v}|${e.departement}`, voie.index),
      ];
      const ofFilieres: number[] = [];
      for (const f of fs) {
        const c = e.filieres[f];
        if (!c || c.presents === 0) continue;
        const leaf = add({ kind: 'filiere', etab, key: f, presents: c.presents, leaves: [] });
        leaf.cell.leaves.push(leaf.index);
        voie.cell.leaves.push(leaf.index);
        const m = margins.add(`filiere|${f}`, leaf.index);
        leaf.margins.push(...ofVoie, m);
        ofFilieres.push(m);
      }
      voie.margins.push(...ofVoie, ...ofFilieres);
      total.margins.push(...voie.margins.slice(around.length));
      relations.push([voie.index, ...voie.cell.leaves]);
      voies.push(voie);
    }
    total.margins.unshift(...around);
    total.cell.leaves = voies.flatMap((v) => v.cell.leaves);
    relations.push([total.index, ...voies.map((v) => v.index)]);
  });

  relations.push(...margins.members);
  const relationsOf: number[][] = cells.map(() => []);
  relations.forEach((members, r) => {
    for (const c of members) at(relationsOf, c).push(r);
  });
  const marginLeaves: number[][] = margins.members.map(() => []);
  cells.forEach((c, i) => {
    if (c.kind === 'filiere') for (const m of at(marginsOf, i)) at(marginLeaves, m).push(i);
  });
  return { cells, relations, relationsOf, margins: marginLeaves, marginsOf };
}

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
import type { Examen } from '../domain/decision.schema.js';
import { filieres, voieOfFiliere } from './filieres.js';
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
  /** Per-établissement relations first (whole and parts), then margins (parts only: the margin itself is published). */
  relations: number[][];
  /** Indices of the relations each cell belongs to. */
  relationsOf: number[][];
  /** Each margin as the set of leaves it sums. */
  margins: number[][];
  /** Per cell, the margins that sum any of its leaves: cells alike in many are natural partners. */
  marginsOf: number[][];
}

/** Margins by name ("filiere|stmg", "departement|02"...), numbered as first met, with their member cells. */
class Margins {
  private readonly ids = new Map<string, number>();
  readonly members: number[][] = [];
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.members.push([]) - 1));
    return id;
  }
  add(name: string, cell: number): number {
    const id = this.id(name);
    this.members[id]!.push(cell);
    return id;
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
  const add = (cell: SecrecyCell) => {
    marginsOf.push([]);
    return cells.push(cell) - 1;
  };
  const byVoie = VOIES.map(
    (v) => [v, filieres(session).filter((f) => voieOfFiliere(session, f) === v)] as const,
  );

  etablissements.forEach((e, etab) => {
    if (e.total.presents === 0) return;
    const total = add({ kind: 'total', etab, key: '', presents: e.total.presents, leaves: [] });
    const around = [
      margins.add('academie', total),
      margins.add(`departement|${e.departement}`, total),
    ];
    const voies: number[] = [];
    for (const [v, fs] of byVoie) {
      const counts = e.voies[v];
      if (!counts || counts.presents === 0) continue;
      const voie = add({ kind: 'voie', etab, key: v, presents: counts.presents, leaves: [] });
      const ofVoie = [
        ...around,
        margins.add(`voie|${v}`, voie),
        margins.add(`voie-departement|${v}|${e.departement}`, voie),
      ];
      const ofFilieres: number[] = [];
      for (const f of fs) {
        const c = e.filieres[f];
        if (!c || c.presents === 0) continue;
        const leaf = add({ kind: 'filiere', etab, key: f, presents: c.presents, leaves: [] });
        cells[leaf]!.leaves.push(leaf);
        cells[voie]!.leaves.push(leaf);
        const m = margins.add(`filiere|${f}`, leaf);
        marginsOf[leaf] = [...ofVoie, m];
        ofFilieres.push(m);
      }
      marginsOf[voie] = [...ofVoie, ...ofFilieres];
      marginsOf[total]!.push(...marginsOf[voie]!.slice(around.length));
      relations.push([voie, ...cells[voie]!.leaves]);
      voies.push(voie);
    }
    marginsOf[total]!.unshift(...around);
    cells[total]!.leaves = voies.flatMap((v) => cells[v]!.leaves);
    relations.push([total, ...voies]);
  });

  relations.push(...margins.members);
  const relationsOf: number[][] = cells.map(() => []);
  relations.forEach((members, r) => {
    for (const c of members) relationsOf[c]!.push(r);
  });
  const marginLeaves: number[][] = margins.members.map(() => []);
  cells.forEach((c, i) => {
    if (c.kind === 'filiere') for (const m of marginsOf[i]!) marginLeaves[m]!.push(i);
  });
  return { cells, relations, relationsOf, margins: marginLeaves, marginsOf };
}

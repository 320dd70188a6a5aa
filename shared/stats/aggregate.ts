// Aggregation of one académie's decisions into statistics lines. Pure and
// single-pass over the candidates: 720,000 decisions fit well under the
// 2-second target (test/bench/stats.child.ts).
import type { Decision, Examen } from '../domain/decision.schema.js';
import { findAcademie } from '../domain/reference/academies.js';
import { findSpecialite } from '../domain/reference/exams.js';
import { addInto, emptyCounts } from './counts.js';
import {
  DOMAINE_ORDER,
  LIBELLE_VOIE,
  SERIE_ORDER,
  VOIES,
  departementLabel,
  serieLabel,
} from './labels.js';
import type { Counts, EtablissementCounts, Niveau, Groupe, StatLine } from './stats.types.js';

export interface AggregateInput {
  academie: string;
  session: string;
  groupe: Groupe;
  /**
   * Decisions of the académie's session; several versions of a slot may be given (the latest
   * deliberation wins).
   */
  decisions: readonly Decision[];
  /** Candidate numbers under a fraud procedure: they count nowhere. */
  withheld?: ReadonlySet<string>;
  /** UAI → établissement name. */
  etablissements?: ReadonlyMap<string, string>;
}

export interface Aggregate {
  academieName: string;
  /** Lines without previous figures (see evolution.ts), in reading order. */
  lines: StatLine[];
  etablissements: EtablissementCounts[];
}

/**
 * What one candidate adds to the counts, by the rules of selectPublicResults
 * (shared/render/release-input.ts): latest deliberation per (numero, groupe);
 * withheld numbers and REMPLACEMENT dropped; groupe 1 ignores group-2 rows.
 * A group-2 decision only counts after a group-1 SECOND_GROUPE (ingest
 * refuses any other), and a candidate without a group-1 decision is not
 * counted: there is nothing to say they sat the exam.
 */
function outcome(c: Counts, g1: Decision, g2: Decision | undefined, groupe: Groupe): void {
  switch (g1.decision) {
    case 'ELIMINE':
      c.elimines++;
      return;
    case 'ADMIS':
      c.presents++;
      c.admisPremierGroupe++;
      if (g1.mention) c.mentions[g1.mention]++;
      return;
    case 'AJOURNE':
      c.presents++;
      c.ajournes++;
      return;
    case 'SECOND_GROUPE': {
      c.presents++;
      c.invitesSecondGroupe++;
      const shown = groupe === 2 ? g2?.decision : undefined;
      if (shown === 'ADMIS') c.admisSecondGroupe++;
      else if (shown === 'AJOURNE') c.ajournes++;
      else c.enAttente++;
      return;
    }
    default:
      return; // REMPLACEMENT: filtered before.
  }
}

/** The filière key of the ministry's open dataset of lycée results. */
export function filiereOf(
  examen: Examen,
  serie: string | null,
  domaine: string | undefined,
): string {
  if (examen === 'BCG') return serie ? serie.toLowerCase() : 'gnle';
  if (examen === 'BTN') return (serie ?? 'autre').toLowerCase();
  return (domaine ?? 'autre').toLowerCase();
}

/** A line while counting: evolutions come once the previous figures are known. */
type Acc = Omit<StatLine, 'previous' | 'evolution'>;

export function aggregate(input: AggregateInput): Aggregate {
  const academie = findAcademie(input.academie);
  if (!academie) throw new Error(`unknown académie ${JSON.stringify(input.academie)}`);
  const withheld = input.withheld ?? new Set<string>();
  const g1s = new Map<string, Decision>();
  const g2s = new Map<string, Decision>();
  for (const d of input.decisions) {
    if (d.session !== input.session || d.academie !== input.academie) {
      throw new Error(
        `decision ${d.numero} belongs to ${d.academie} ${d.session}, ` +
          `not ${input.academie} ${input.session}`,
      );
    }
    const slots = d.groupe === 1 ? g1s : g2s;
    slots.set(d.numero, latest(slots.get(d.numero), d));
  }

  const accs = new Map<string, Acc>();
  const acc = (
    niveau: Niveau,
    code: string,
    label: () => string,
    examen: Examen | null,
    departement: string | null,
  ): Counts => {
    const key = `${niveau}|${code}`;
    let a = accs.get(key);
    if (!a)
      accs.set(
        key,
        (a = { niveau, code, label: label(), examen, departement, counts: emptyCounts() }),
      );
    return a.counts;
  };
  // Seed the lines a reader expects even when empty: the académie, its départements, the three
  // voies.
  acc('academie', academie.slug, () => academie.name, null, null);
  for (const dep of academie.departements)
    acc('departement', dep, () => departementLabel(dep), null, dep);
  for (const v of VOIES) acc('voie', v, () => LIBELLE_VOIE[v], v, null);

  // Candidates are counted into cells (établissement × voie × série × département), a few
  // thousand per académie, then cells are rolled up into lines: per candidate that is a few
  // look-ups instead of one per line and per établissement, which keeps 720,000 decisions fast.
  type Cell = { g1: Decision; counts: Counts };
  const cells: Cell[] = [];
  // Nested maps on strings the decisions already hold: no key string to build and hash per
  // candidate.
  type ByDepartement = Map<string, Cell>;
  type BySerie = Map<string | null, ByDepartement>;
  const index = new Map<string, Map<string, BySerie>>();
  for (const [numero, g1] of g1s) {
    if (withheld.has(numero) || g1.decision === 'REMPLACEMENT') continue;
    let byExamen = index.get(g1.uai);
    if (!byExamen) index.set(g1.uai, (byExamen = new Map<string, BySerie>()));
    let bySerie = byExamen.get(g1.examen);
    if (!bySerie) byExamen.set(g1.examen, (bySerie = new Map<string | null, ByDepartement>()));
    let byDep = bySerie.get(g1.serie);
    if (!byDep) bySerie.set(g1.serie, (byDep = new Map<string, Cell>()));
    let cell = byDep.get(g1.departement);
    if (!cell) {
      byDep.set(g1.departement, (cell = { g1, counts: emptyCounts() }));
      cells.push(cell);
    }
    outcome(cell.counts, g1, g2s.get(numero), input.groupe);
  }

  const etabs = new Map<
    string,
    {
      departement: string;
      total: Counts;
      voies: Partial<Record<Examen, Counts>>;
      filieres: Record<string, Counts>;
    }
  >();
  for (const { g1, counts: one } of cells) {
    const { examen, serie, departement: dep, uai } = g1;
    addInto(
      acc('academie', academie.slug, () => academie.name, null, null),
      one,
    );
    addInto(
      acc('departement', dep, () => departementLabel(dep), null, dep),
      one,
    );
    addInto(
      acc('voie', examen, () => LIBELLE_VOIE[examen], examen, null),
      one,
    );
    addInto(
      acc(
        'voie-departement',
        `${examen}/${dep}`,
        () => `${LIBELLE_VOIE[examen]} — ${departementLabel(dep)}`,
        examen,
        dep,
      ),
      one,
    );
    let domaine: string | undefined;
    if (examen === 'BCP' && serie) {
      const found = findSpecialite(serie)?.domaine;
      domaine = found;
      if (found)
        addInto(
          acc('domaine', `BCP/${found}`, () => found, 'BCP', null),
          one,
        );
      addInto(
        acc('specialite', `BCP/${serie}`, () => serie, 'BCP', null),
        one,
      );
    } else if (serie) {
      addInto(
        acc('serie', `${examen}/${serie}`, () => serieLabel(serie), examen, null),
        one,
      );
    }
    let e = etabs.get(uai);
    if (!e)
      etabs.set(uai, (e = { departement: dep, total: emptyCounts(), voies: {}, filieres: {} }));
    // a UAI sits in one département; min keeps it order-independent
    if (dep < e.departement) e.departement = dep;
    addInto(e.total, one);
    addInto((e.voies[examen] ??= emptyCounts()), one);
    addInto((e.filieres[filiereOf(examen, serie, domaine)] ??= emptyCounts()), one);
  }

  const lines = orderLines([...accs.values()], academie.departements);
  const etablissements = [...etabs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([uai, e]) => ({
      uai,
      libelle: input.etablissements?.get(uai) ?? `Établissement ${uai}`,
      ...e,
    }));
  return { academieName: academie.name, lines, etablissements };
}

const NIVEAU_RANK: Record<Niveau, number> = {
  academie: 0,
  departement: 1,
  voie: 2,
  'voie-departement': 3,
  serie: 4,
  domaine: 5,
  specialite: 6,
};
const collator = new Intl.Collator('fr');

/**
 * Reading order: by level, then départements in the académie's order, voies BCG/BTN/BCP, séries and
 * domains as the release lists them.
 */
function orderLines(accs: Acc[], departements: readonly string[]): StatLine[] {
  const rank = (list: readonly string[], x: string | null) =>
    x === null ? -1 : list.indexOf(x) < 0 ? list.length : list.indexOf(x);
  const sub = (a: Acc) => a.code.slice(a.code.indexOf('/') + 1);
  return accs
    .sort(
      (a, b) =>
        NIVEAU_RANK[a.niveau] - NIVEAU_RANK[b.niveau] ||
        rank(VOIES, a.examen) - rank(VOIES, b.examen) ||
        rank(departements, a.departement) - rank(departements, b.departement) ||
        (a.niveau === 'serie' ? rank(SERIE_ORDER, sub(a)) - rank(SERIE_ORDER, sub(b)) : 0) ||
        (a.niveau === 'domaine' ? rank(DOMAINE_ORDER, sub(a)) - rank(DOMAINE_ORDER, sub(b)) : 0) ||
        collator.compare(a.code, b.code) ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    )
    .map((a) => ({ ...a, previous: { kind: 'none' }, evolution: { kind: 'unavailable' } }));
}

/**
 * As release-input.ts: the latest deliberation; ties broken on the serialised row so input order
 * never matters.
 */
function latest(a: Decision | undefined, b: Decision): Decision {
  if (!a) return b;
  if (a.deliberation !== b.deliberation) return a.deliberation > b.deliberation ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

// The two download tables, as typed columns and rows, shared by the CSV,
// XLSX and JSON writers so that the three formats cannot disagree.
// Column names are machine names (stable across sessions, so press offices'
// formulas keep working); the établissement table uses the field names of
// the ministry's open dataset of lycée results
// (fr-en-indicateurs-de-resultat-des-lycees-*), for the figures it also has.
import type { Examen } from '../domain/decision.schema.js';
import { findAcademie } from '../domain/reference/academies.js';
import { admis, tauxMentions, tauxReussite, tauxSecondGroupe } from './counts.js';
import { filieres } from './filieres.js';
import { departementLabel } from './labels.js';
import type {
  AcademieStats,
  Counts,
  EtablissementLine,
  NationalStats,
  SecretReason,
  StatLine,
} from './stats.types.js';

/**
 * int: a count; percent: a rate in tenths of a percent; points: an evolution in tenths of a point.
 */
export type ColumnType = 'text' | 'int' | 'percent' | 'points';
/**
 * A figure withheld by statistical secrecy (secrecy.ts): each format shows it as such, with its
 * reason.
 */
export interface SecretCell {
  secret: SecretReason;
}
export type CellValue = string | number | null | SecretCell;

export function isSecret(v: CellValue): v is SecretCell {
  return typeof v === 'object' && v !== null;
}

export interface Column {
  key: string;
  type: ColumnType;
  /** What the column holds, in French: the XLSX "Lisez-moi" sheet lists it. */
  description: string;
}

export interface ExportTable {
  /** Sheet name in the XLSX file. */
  sheet: string;
  columns: Column[];
  /** Values in column order: counts and tenths as integers, null for "no figure". */
  rows: CellValue[][];
  /** The column that names a row, for the list of secret figures ("uai"). */
  rowKey?: string;
  /** What secret cells mean, in French, when the table may hold some. */
  secretLegend?: string;
}

/** The column of each cell of a row; a row of another width than the table is a bug, thrown. */
export function withColumns(table: ExportTable, row: readonly CellValue[]): [Column, CellValue][] {
  if (row.length !== table.columns.length)
    throw new Error(`a row of ${table.sheet} has ${row.length} cells for ${table.columns.length}`);
  return table.columns.map((c, i): [Column, CellValue] => [c, row[i] ?? null]);
}

/** The meaning of "s" (or of an empty secret cell), in French, for the page and the downloads. */
export function secretLegend(threshold: number): string {
  return (
    `secret statistique, chiffre d’un établissement reposant sur moins de ${threshold} ` +
    `candidats présents (secret « primaire ») ou permettant de recalculer un tel chiffre à ` +
    `partir des totaux publiés (secret « secondaire »).`
  );
}

const col = (key: string, type: ColumnType, description: string): Column => ({
  key,
  type,
  description,
});

export const SYNTHESE_COLUMNS: readonly Column[] = [
  col(
    'niveau',
    'text',
    'Niveau de la ligne : academie, departement, voie, voie-departement, serie, domaine, ' +
      'specialite',
  ),
  col('code', 'text', 'Code de la ligne : "02", "BTN", "BTN/02", "BTN/STMG", "BCP/Services"...'),
  col('libelle', 'text', 'Libellé'),
  col('voie', 'text', 'BCG, BTN ou BCP pour les lignes d’une voie'),
  col('code_departement', 'text', 'Département pour les lignes d’un département'),
  col(
    'presents',
    'int',
    'Candidats présents (admis, ajournés ou invités au 2nd groupe ; hors éliminés)',
  ),
  col('admis_1er_groupe', 'int', 'Admis à l’issue du 1er groupe'),
  col(
    'invites_2nd_groupe',
    'int',
    'Invités au 2nd groupe (oraux de rattrapage, épreuve de contrôle)',
  ),
  col('taux_invites_2nd_groupe', 'percent', 'Invités au 2nd groupe / présents'),
  col('admis_2nd_groupe', 'int', 'Admis à l’issue du 2nd groupe'),
  col('admis', 'int', 'Admis en tout'),
  col('ajournes', 'int', 'Ajournés'),
  col('en_attente_2nd_groupe', 'int', 'Invités au 2nd groupe sans résultat publié'),
  col('elimines', 'int', 'Éliminés (absents non justifiés), hors présents'),
  col('taux_reussite', 'percent', 'Taux de réussite : admis / présents'),
  col('mentions_ab', 'int', 'Mentions assez bien'),
  col('mentions_b', 'int', 'Mentions bien'),
  col('mentions_tb', 'int', 'Mentions très bien (sans félicitations)'),
  col('mentions_tbf', 'int', 'Mentions très bien avec félicitations du jury'),
  col('taux_mentions', 'percent', 'Admis avec mention / présents'),
  col('taux_reussite_precedent', 'percent', 'Taux de réussite de la session précédente'),
  col('evolution_points', 'points', 'Évolution du taux de réussite, en points'),
  col(
    'evolution_statut',
    'text',
    'points, nouveau (pas de chiffre la session précédente) ou indisponible',
  ),
];

const STATUT = { points: 'points', new: 'nouveau', unavailable: 'indisponible' } as const;

export function syntheseRow(l: StatLine): CellValue[] {
  const c = l.counts;
  return [
    l.niveau,
    l.code,
    l.label,
    l.examen,
    l.departement,
    c.presents,
    c.admisPremierGroupe,
    c.invitesSecondGroupe,
    tauxSecondGroupe(c),
    c.admisSecondGroupe,
    admis(c),
    c.ajournes,
    c.enAttente,
    c.elimines,
    tauxReussite(c),
    c.mentions.AB,
    c.mentions.B,
    c.mentions.TB,
    c.mentions.TBF,
    tauxMentions(c),
    l.previous.kind === 'figure' ? l.previous.tauxDixiemes : null,
    l.evolution.kind === 'points' ? l.evolution.dixiemes : null,
    STATUT[l.evolution.kind],
  ];
}

export function syntheseTable(stats: AcademieStats | NationalStats): ExportTable {
  return { sheet: 'Synthèse', columns: [...SYNTHESE_COLUMNS], rows: stats.lines.map(syntheseRow) };
}

/** Kept here too: the table's columns are read with it. */
export { filieres };

export function etablissementColumns(session: string): Column[] {
  const perFiliere = filieres(session).flatMap((f) => [
    col(`presents_${f}`, 'int', `Présents, filière ${f}`),
    col(`taux_reu_${f}`, 'percent', `Taux de réussite, filière ${f}`),
    col(`taux_men_${f}`, 'percent', `Taux de mentions, filière ${f}`),
  ]);
  const mentions = (suffix: string, withF: boolean) => [
    ...(withF
      ? [
          col(
            `nb_mentions_tb_avecf_${suffix}`,
            'int',
            `Mentions très bien avec félicitations (${suffix})`,
          ),
        ]
      : []),
    col(
      `nb_mentions_tb_sansf_${suffix}`,
      'int',
      `Mentions très bien sans félicitations (${suffix})`,
    ),
    col(`nb_mentions_b_${suffix}`, 'int', `Mentions bien (${suffix})`),
    col(`nb_mentions_ab_${suffix}`, 'int', `Mentions assez bien (${suffix})`),
  ];
  return [
    col('session', 'text', 'Session'),
    col('uai', 'text', 'UAI de l’établissement'),
    col('libelle_uai', 'text', 'Nom de l’établissement'),
    col('code_departement', 'text', 'Code du département'),
    col('libelle_departement', 'text', 'Département'),
    col('libelle_academie', 'text', 'Académie'),
    col('presents_total', 'int', 'Présents, toutes voies'),
    col('admis_total', 'int', 'Admis, toutes voies (absent du jeu de données ministériel)'),
    col('taux_reu_total', 'percent', 'Taux de réussite, toutes voies'),
    col(
      'taux_men_total',
      'percent',
      'Taux de mentions (admis avec mention / présents), toutes voies',
    ),
    ...perFiliere,
    ...mentions('g', true),
    ...mentions('t', true),
    ...mentions('p', false),
  ];
}

/**
 * One établissement as the open dataset lays it out. A secret cell shows
 * none of its figures: each becomes a SecretCell with its reason.
 */
export function etablissementRow(
  session: string,
  academieName: string,
  e: EtablissementLine,
): CellValue[] {
  const hide = (reason: SecretReason | null | undefined, values: CellValue[]): CellValue[] =>
    reason ? values.map(() => ({ secret: reason })) : values;
  const mentions = (v: Examen, kinds: readonly (keyof Counts['mentions'])[]) =>
    hide(
      e.secret.voies[v],
      kinds.map((k) => e.voies[v]?.mentions[k] ?? 0),
    );
  return [
    session,
    e.uai,
    e.libelle,
    e.departement,
    departementLabel(e.departement),
    academieName,
    ...hide(e.secret.total, [
      e.total.presents,
      admis(e.total),
      tauxReussite(e.total),
      tauxMentions(e.total),
    ]),
    ...filieres(session).flatMap((f) => {
      const c = e.filieres[f];
      return c
        ? hide(e.secret.filieres[f], [c.presents, tauxReussite(c), tauxMentions(c)])
        : [0, null, null];
    }),
    ...mentions('BCG', ['TBF', 'TB', 'B', 'AB']),
    ...mentions('BTN', ['TBF', 'TB', 'B', 'AB']),
    ...mentions('BCP', ['TB', 'B', 'AB']),
  ];
}

export function etablissementTable(stats: AcademieStats): ExportTable {
  const name = findAcademie(stats.academie)?.name ?? stats.academie;
  return {
    sheet: 'Établissements',
    columns: etablissementColumns(stats.session),
    rows: stats.etablissements.map((e) => etablissementRow(stats.session, name, e)),
    rowKey: 'uai',
    secretLegend: secretLegend(stats.secrecyThreshold),
  };
}

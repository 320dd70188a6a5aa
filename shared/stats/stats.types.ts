// The plain data that statistics are made of. Everything here is computed
// from decisions by pure functions (aggregate.ts, evolution.ts, national.ts)
// and rendered by others (stats-page.ts, csv/xlsx/json exports).
import type { Examen, Groupe, Mention } from '../domain/vocabulary.js';

/** Figures of a groupe: 1, provisional after the first group; 2, after the second group. */
export type { Groupe };

/**
 * Counts of one line of a table, in candidates. A candidate is counted once
 * per line, by the decisions a release of the groupe shows (see aggregate.ts).
 */
export interface Counts {
  /**
   * Candidates deliberated at the first group: ADMIS, AJOURNE or SECOND_GROUPE (ELIMINE is an
   * absence).
   */
  presents: number;
  /** Admitted at the first group. */
  admisPremierGroupe: number;
  /** Invited to the second group (oral retake, or épreuve de contrôle of the professional bac). */
  invitesSecondGroupe: number;
  /** Admitted after the second group; always 0 in groupe 1. */
  admisSecondGroupe: number;
  /** Failed at the first group, plus (groupe 2) failed at the second group. */
  ajournes: number;
  /**
   * Invited candidates with no second-group decision shown yet (in groupe 1, every invited
   * candidate).
   */
  enAttente: number;
  /** Éliminés: absent without justification, not counted among the présents. */
  elimines: number;
  /** Mentions, awarded at the first group only. */
  mentions: Record<Mention, number>;
}

/** The level of a line. `code` formats per level are given with each. */
export type Niveau =
  | 'academie' // slug: "amiens"
  | 'departement' // INSEE code: "02"
  | 'voie' // "BCG" | "BTN" | "BCP"
  | 'voie-departement' // "BTN/02"
  | 'serie' // "BTN/STMG", and before 2021 "BCG/S"
  | 'domaine' // "BCP/Services" | "BCP/Production"
  | 'specialite'; // "BCP/Commerce" (the spécialité's canonical name)

export const NIVEAUX: readonly Niveau[] = [
  'academie',
  'departement',
  'voie',
  'voie-departement',
  'serie',
  'domaine',
  'specialite',
];

/**
 * The previous session's figure for a line:
 * - none: no previous source at all (nothing imported, no stored decisions);
 * - absent: the previous source has no such line (a new série, say);
 * - figure: its rate, in tenths of a percent, and its counts when known
 *   (an imported press release may give rates only).
 */
export type PreviousFigure =
  | { kind: 'none' }
  | { kind: 'absent' }
  | { kind: 'figure'; tauxDixiemes: number; presents: number | null; admis: number | null };

/**
 * Evolution of the success rate against the previous session, in tenths of
 * a point: the difference of the two rates as published (rounded to a tenth),
 * so that the figures a reader sees add up. "new" when the previous session
 * had no such line: never "+100 pts" for a série that did not exist.
 */
export type Evolution =
  { kind: 'points'; dixiemes: number } | { kind: 'new' } | { kind: 'unavailable' };

export interface StatLine {
  niveau: Niveau;
  code: string;
  /**
   * French label for pages and downloads: "Aisne", "Voie technologique", "STMG — Management et
   * gestion".
   */
  label: string;
  /** Set for lines of one voie (voie, voie-departement, serie, domaine, specialite). */
  examen: Examen | null;
  /** Set for lines of one département (departement, voie-departement). */
  departement: string | null;
  counts: Counts;
  previous: PreviousFigure;
  evolution: Evolution;
}

/** One établissement's counts, broken down as the ministry's open dataset of lycée results is. */
export interface EtablissementCounts {
  uai: string;
  libelle: string;
  departement: string;
  total: Counts;
  /** By voie. */
  voies: Partial<Record<Examen, Counts>>;
  /**
   * By filière key of the open dataset: "gnle" (or "l", "es", "s" before 2021), "stmg", ...,
   * "production", "services".
   */
  filieres: Record<string, Counts>;
}

/**
 * Why an établissement figure is not published (statistical secrecy, see
 * secrecy.ts): "primaire", it rests on fewer présents than the threshold;
 * "secondaire", it would let a secret figure be recomputed from the
 * published ones.
 */
export type SecretReason = 'primaire' | 'secondaire';

/** The secret cells of one établissement; a cell absent here is published. */
export interface EtablissementSecret {
  total: SecretReason | null;
  voies: Partial<Record<Examen, SecretReason>>;
  filieres: Record<string, SecretReason>;
}

/**
 * An établissement's counts and which of them are secret. The counts stay
 * whole (they are the computation's, kept with the release); every public
 * rendering goes through publishedEtablissement (secrecy.ts), which hides
 * the secret ones.
 */
export interface EtablissementLine extends EtablissementCounts {
  secret: EtablissementSecret;
}

export interface AcademieStats {
  academie: string;
  academieName: string;
  session: string;
  groupe: Groupe;
  /** The previous session compared with, when there is a source for it. */
  previousSession: string | null;
  /**
   * Lines in reading order: académie, départements, voies, voie × département, séries, domaines,
   * spécialités.
   */
  lines: StatLine[];
  /** Établissement figures resting on fewer présents than this are secret (default 10). */
  secrecyThreshold: number;
  etablissements: EtablissementLine[];
}

export interface NationalStats {
  session: string;
  groupe: Groupe;
  /** Académies included, in reference order: the caller decides which (see national.ts). */
  academies: string[];
  previousSession: string | null;
  /**
   * National total (niveau "academie", code "france"), académies (niveau "academie"), voies,
   * séries, domaines.
   */
  lines: StatLine[];
}

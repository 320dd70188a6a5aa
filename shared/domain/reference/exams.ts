import type { Examen } from '../decision.schema.js';
import { foldForMatch } from '../text.js';

export const LIBELLE_EXAMEN: Record<Examen, string> = {
  BCG: 'Baccalauréat général',
  BTN: 'Baccalauréat technologique',
  BCP: 'Baccalauréat professionnel',
};

/**
 * Technological séries. The 2020 press kit still writes TMD, since renamed S2TMD: the old code is
 * accepted for it.
 */
export const SERIES_BTN: readonly string[] = [
  'STMG',
  'ST2S',
  'STHR',
  'STI2D',
  'STD2A',
  'STL',
  'S2TMD',
];
const BTN_ALIASES: Record<string, string> = { TMD: 'S2TMD' };

/** Séries of the général bac until the 2021 reform removed them. */
export const SERIES_BCG_PRE2021: readonly string[] = ['ES', 'L', 'S'];
const BCG_REFORM_YEAR = 2021;

export type DomaineBcp = 'Production' | 'Services';
export interface SpecialiteBcp {
  name: string;
  domaine: DomaineBcp;
}

const P = 'Production' as const;
const S = 'Services' as const;

/**
 * The professional bac table of the Aix-Marseille 2020 press kit: spécialité
 * as the press kit names it (cells split over lines in the PDF joined again,
 * "Option :" written "option :", double spaces collapsed), its domain, and
 * the académie total of candidats inscrits (last column).
 *
 * The press kit has no domain column: the domain is that of the spécialité's
 * NSF code (2xx production, 3xx services), the grouping the ministry's
 * statistics use. Judgement calls, flagged "NSF?", are the health devices
 * (prothèse, orthopédie: 331 santé), Optique lunetterie and the signage option.
 *
 * Two names are corrected, their press kit spelling kept as an alias:
 * "Méiers de l’électricité…" (a letter missing) and "Aménagement option
 * systèmes", which is the third option of Aéronautique (it sits between the
 * other two in the alphabetical table; no "Aménagement" spécialité has options).
 */
const BCP_TABLE: readonly (readonly [name: string, domaine: DomaineBcp, inscrits: number])[] = [
  ['Accompagnement soins à domicile', S, 153],
  ['Accompagnement soins en structure', S, 690],
  ['Accueil relation clients usagers', S, 412],
  ['Aéronautique option avionique', P, 13],
  ['Aéronautique option structures', P, 12],
  ['Aéronautique option systèmes', P, 48],
  ['Aménagement et finition du bâtiment', P, 18],
  ['Artisanat et métiers d’art option : communication visuelle', S, 63],
  ["Artisanat et métiers d’art option : métiers de l'enseigne et de la signalétique", P, 7], // NSF?
  ['Bio-industries de transformation', P, 19],
  ['Boulangerie-Pâtisserie', P, 17], // the press kit drops the circumflex
  ['Commerce', S, 814],
  ['Commerce, service en restauration', S, 127],
  ['Conducteur transport routier marchandisage', S, 94],
  ['Cuisine', P, 155], // NSF 221, agro-alimentaire
  ['Esthétique, cosmétique et parfumerie', S, 130],
  ['Etude et définition de produits industriels', P, 20],
  ['Etude et réalisation d’agencement', P, 5],
  ['Gestion administration', S, 1_367],
  ['Hygiène propreté', S, 24],
  ['Intervention sur le patrimoine bâti', P, 4],
  ['Logistique', S, 85],
  ['Maintenance automobile option : motocycles', P, 35],
  ['Maintenance automobile option : véhicules industriels', P, 60],
  ['Maintenance automobile option : voitures particulières', P, 238],
  ['Maintenance des équipements industriels', P, 336],
  [
    'Maintenance des matériels (agricoles, de travaux publics et manutention, de parcs et jardins)',
    P,
    54,
  ],
  ['Maintenance nautique', P, 49],
  ['Métiers de l’électricité et environnement connecté', P, 535],
  ['Métiers de la mode vêtement', P, 89],
  ['Métiers de la sécurité', S, 50],
  ['Microtechniques', P, 39],
  ['Optique Lunetterie', P, 30], // NSF?
  ['Menuiserie aluminium verre', P, 8],
  ['Ouvrage du bâtiment : métallerie', P, 41],
  ['Photographie', S, 22],
  ['Pilote de ligne de production', P, 10],
  ['Plastique composite', P, 11],
  ['Procédés chimiques eau papier carton', P, 45],
  ['Production graphique', S, 30], // NSF 322, imprimerie: a service
  ['Production imprimée', S, 22],
  ['Prothèse dentaire', S, 46], // NSF?
  ['Réparation des carrosseries', P, 39],
  ['Service de proximité vie locale', S, 108],
  ['Systèmes électroniques numériques', P, 506],
  ['Technicien appareillage orthopédique', S, 14], // NSF?
  ['Technicien constructeur bois', P, 30],
  ['Technicien bâtiment option A études et économie', P, 47],
  ['Technicien bâtiment option B : assistant en architecture', P, 56],
  ['Technicien du bâtiment : organisation réalisation du gros œuvre', P, 28],
  ['Technicien en chaudronnerie industrielle', P, 100],
  ["Technicien du froid et du conditionnement de l'air", P, 60],
  ['Technicien en installation des systèmes énergétiques et climatiques', P, 85],
  ['Technicien en maintenance des systèmes énergétiques et climatiques', P, 68],
  ["Technicien d'usinage", P, 57],
  ['Technicien menuisier agenceur', P, 63],
  ['Technicien outilleur', P, 5],
  ['Technicien topographe géomètre', P, 23],
  ['Transport', S, 51],
  ['Travaux publics', P, 33],
  ['Vente (prospection, négociation, suivi de clientèle)', S, 397],
];

export const SPECIALITES_BCP: readonly SpecialiteBcp[] = BCP_TABLE.map(([name, domaine]) => ({
  name,
  domaine,
}));

/** Press kit spellings we corrected, so that files written from the press kit still match. */
const SPECIALITE_ALIASES: Record<string, string> = {
  'Méiers de l’électricité et environnement connecté':
    'Métiers de l’électricité et environnement connecté',
  'Aménagement option systèmes': 'Aéronautique option systèmes',
};
const BY_FOLDED = new Map(SPECIALITES_BCP.map((s) => [foldForMatch(s.name), s]));
for (const [alias, name] of Object.entries(SPECIALITE_ALIASES)) {
  const target = BY_FOLDED.get(foldForMatch(name));
  if (!target) throw new Error(`alias of an unknown spécialité: ${name}`);
  BY_FOLDED.set(foldForMatch(alias), target);
}

/** Finds a spécialité ignoring case, accents, punctuation and repeated spaces. */
export function findSpecialite(input: string): SpecialiteBcp | undefined {
  return BY_FOLDED.get(foldForMatch(input));
}

export type SerieCheck = { ok: true; serie: string | null } | { ok: false; rule: string };

/** The canonical série of a row, or the rule it breaks. `session` is YYYY-MM. */
export function canonicalSerie(examen: Examen, serie: string, session: string): SerieCheck {
  const value = serie.trim();
  if (examen === 'BCG') {
    if (Number(session.slice(0, 4)) >= BCG_REFORM_YEAR) {
      return value === ''
        ? { ok: true, serie: null }
        : {
            ok: false,
            rule: `série must be empty for the général bac since 2021 (got "${value}")`,
          };
    }
    const upper = value.toUpperCase();
    return SERIES_BCG_PRE2021.includes(upper)
      ? { ok: true, serie: upper }
      : {
          ok: false,
          rule: `série of the général bac before 2021 must be ES, L or S (got "${value}")`,
        };
  }
  if (examen === 'BTN') {
    if (value === '') return { ok: false, rule: 'série is required for the technological bac' };
    const upper = value.toUpperCase();
    const code = BTN_ALIASES[upper] ?? upper;
    return SERIES_BTN.includes(code)
      ? { ok: true, serie: code }
      : {
          ok: false,
          rule: `unknown série of the technological bac: "${value}" (${SERIES_BTN.join(', ')})`,
        };
  }
  if (value === '')
    return { ok: false, rule: 'spécialité is required for the professional bac (série column)' };
  const found = findSpecialite(value);
  return found
    ? { ok: true, serie: found.name }
    : { ok: false, rule: `unknown spécialité of the professional bac: "${value}"` };
}

export interface EffectifsAcademie {
  parDepartement: Record<string, { BCG: number; BTN: number; BCP: number }>;
  btnParSerie: Record<string, number>;
  bcpParSpecialite: Record<string, number>;
  bcgParSerie: Record<string, number>;
}

/**
 * Candidats inscrits in the terminal tests of the Aix-Marseille 2020 press kit
 * (it gives no présents), used to spread synthetic candidates realistically.
 * - parDepartement: "Effectifs de candidats par baccalauréat et par département".
 *   Its "Total bacs" for Bouches-du-Rhône (11 741) is a misprint for 22 705;
 *   the voie rows used here add up to the 32 199 inscrits announced.
 * - bcgParSerie: "Baccalauréat général" by série (académie total).
 * - btnParSerie: "Baccalauréat Technologique : détail des effectifs" (académie
 *   total); TMD ("/", no candidate) is S2TMD.
 * - bcpParSpecialite: the professional bac table by spécialité (académie
 *   total; the extracted text loses empty cells, so only that column is sure).
 * The épreuves anticipées (première) tables are not used.
 */
export const EFFECTIFS_AIX_MARSEILLE_2020: EffectifsAcademie = {
  parDepartement: {
    '13': { BCG: 12_392, BTN: 4_831, BCP: 5_482 },
    '04': { BCG: 822, BTN: 404, BCP: 377 },
    '05': { BCG: 771, BTN: 274, BCP: 365 },
    '84': { BCG: 3_523, BTN: 1_385, BCP: 1_573 },
  },
  bcgParSerie: { ES: 5_971, L: 2_487, S: 9_050 },
  btnParSerie: { STHR: 86, ST2S: 1_016, STI2D: 1_548, STD2A: 182, STL: 507, STMG: 3_555, S2TMD: 0 },
  bcpParSpecialite: Object.fromEntries(BCP_TABLE.map(([name, , inscrits]) => [name, inscrits])),
};

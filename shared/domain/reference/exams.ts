import type { Examen } from '../decision.schema.js';
import { foldForMatch } from '../text.js';

export const LIBELLE_EXAMEN: Record<Examen, string> = {
  BCG: 'Baccalauréat général',
  BTN: 'Baccalauréat technologique',
  BCP: 'Baccalauréat professionnel',
};

/** Technological séries. TMD was renamed S2TMD; the old code is accepted for it. */
export const SERIES_BTN: readonly string[] = ['STMG', 'ST2S', 'STHR', 'STI2D', 'STD2A', 'STL', 'S2TMD'];
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
 * Professional bac spécialités, named as the Aix-Marseille 2020 press kit
 * writes them (its table of candidates by spécialité), with their domain.
 * The press kit gives no domain column: each is the domain of the
 * spécialité's NSF code (2xx production, 3xx services), the grouping the
 * ministry's statistics use.
 */
export const SPECIALITES_BCP: readonly SpecialiteBcp[] = [
  { name: 'Accompagnement soins à domicile', domaine: S },
  { name: 'Accompagnement soins en structure', domaine: S },
  { name: 'Accueil relation clients usagers', domaine: S },
  { name: 'Aéronautique option avionique', domaine: P },
  { name: 'Aéronautique option structures', domaine: P },
  { name: 'Aménagement option systèmes', domaine: P },
  { name: 'Aménagement et finition du bâtiment', domaine: P },
  { name: 'Artisanat et métiers d’art option communication visuelle', domaine: S },
  { name: "Artisanat et métiers d’art option métiers de l'enseigne et de la signalétique", domaine: P },
  { name: 'Bio-industries de transformation', domaine: P },
  { name: 'Boulangerie-Patisserie', domaine: P },
  { name: 'Commerce', domaine: S },
  { name: 'Commerce, service en restauration', domaine: S },
  { name: 'Conducteur transport routier marchandisage', domaine: S },
  { name: 'Cuisine', domaine: P },
  { name: 'Esthétique, cosmétique et parfumerie', domaine: S },
  { name: 'Etude et définition de produits industriels', domaine: P },
  { name: 'Etude et réalisation d’agencement', domaine: P },
  { name: 'Gestion administration', domaine: S },
  { name: 'Hygiène propreté', domaine: S },
  { name: 'Intervention sur le patrimoine bâti', domaine: P },
  { name: 'Logistique', domaine: S },
  { name: 'Maintenance automobile option motocycles', domaine: P },
  { name: 'Maintenance automobile option véhicules industriels', domaine: P },
  { name: 'Maintenance automobile option voitures particulières', domaine: P },
  { name: 'Maintenance des équipements industriels', domaine: P },
  { name: 'Maintenance des matériels (agricoles, de travaux publics et manutention, de parcs et jardins)', domaine: P },
  { name: 'Maintenance nautique', domaine: P },
  // The press kit misspells it "Méiers": the alias below accepts that spelling too.
  { name: 'Métiers de l’électricité et environnement connecté', domaine: P },
  { name: 'Métiers de la mode vêtement', domaine: P },
  { name: 'Métiers de la sécurité', domaine: S },
  { name: 'Microtechniques', domaine: P },
  { name: 'Optique Lunetterie', domaine: P },
  { name: 'Menuiserie aluminium verre', domaine: P },
  { name: 'Ouvrage du bâtiment : métallerie', domaine: P },
  { name: 'Photographie', domaine: S },
  { name: 'Pilote de ligne de production', domaine: P },
  { name: 'Plastique composite', domaine: P },
  { name: 'Procédés chimiques eau papier carton', domaine: P },
  { name: 'Production graphique', domaine: S },
  { name: 'Production imprimée', domaine: S },
  { name: 'Prothèse dentaire', domaine: S },
  { name: 'Réparation des carrosseries', domaine: P },
  { name: 'Service de proximité vie locale', domaine: S },
  { name: 'Systèmes électroniques numériques', domaine: P },
  { name: 'Technicien appareillage orthopédique', domaine: S },
  { name: 'Technicien constructeur bois', domaine: P },
  { name: 'Technicien bâtiment option A études et économie', domaine: P },
  { name: 'Technicien bâtiment option B : assistant en architecture', domaine: P },
  { name: 'Technicien du bâtiment : organisation réalisation du gros œuvre', domaine: P },
  { name: 'Technicien en chaudronnerie industrielle', domaine: P },
  { name: "Technicien du froid et du conditionnement de l'air", domaine: P },
  { name: 'Technicien en installation des systèmes énergétiques et climatiques', domaine: P },
  { name: 'Technicien en maintenance des systèmes énergétiques et climatiques', domaine: P },
  { name: "Technicien d'usinage", domaine: P },
  { name: 'Technicien menuisier agenceur', domaine: P },
  { name: 'Technicien outilleur', domaine: P },
  { name: 'Technicien topographe géomètre', domaine: P },
  { name: 'Transport', domaine: S },
  { name: 'Travaux publics', domaine: P },
  { name: 'Vente (prospection, négociation, suivi de clientèle)', domaine: S },
];

const SPECIALITE_ALIASES: Record<string, string> = {
  [foldForMatch('Méiers de l’électricité et environnement connecté')]: 'Métiers de l’électricité et environnement connecté',
};
const BY_FOLDED = new Map(SPECIALITES_BCP.map((s) => [foldForMatch(s.name), s]));
for (const [alias, name] of Object.entries(SPECIALITE_ALIASES)) BY_FOLDED.set(alias, BY_FOLDED.get(foldForMatch(name))!);

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
      return value === '' ? { ok: true, serie: null } : { ok: false, rule: `série must be empty for the général bac since 2021 (got "${value}")` };
    }
    const upper = value.toUpperCase();
    return SERIES_BCG_PRE2021.includes(upper) ? { ok: true, serie: upper } : { ok: false, rule: `série of the général bac before 2021 must be ES, L or S (got "${value}")` };
  }
  if (value === '') return { ok: false, rule: `série is required for the ${examen === 'BTN' ? 'technological' : 'professional'} bac` };
  if (examen === 'BTN') {
    const upper = value.toUpperCase();
    const code = BTN_ALIASES[upper] ?? upper;
    return SERIES_BTN.includes(code) ? { ok: true, serie: code } : { ok: false, rule: `unknown série of the technological bac: "${value}" (${SERIES_BTN.join(', ')})` };
  }
  const found = findSpecialite(value);
  return found ? { ok: true, serie: found.name } : { ok: false, rule: `unknown spécialité of the professional bac: "${value}"` };
}

/**
 * Candidates in the Aix-Marseille 2020 press kit (inscrits in the terminal
 * tests), used to spread synthetic candidates realistically.
 * - parDepartement: "Effectifs de candidats par baccalauréat et par département".
 * - bcgParSerie, btnParSerie: "Baccalauréat général / technologique : détail des effectifs" (totals).
 * - bcpParSpecialite: the professional bac table by spécialité (totals; the
 *   extracted text loses empty cells, so only the total column is reliable).
 */
export const EFFECTIFS_AIX_MARSEILLE_2020 = {
  parDepartement: {
    '13': { BCG: 12_392, BTN: 4_831, BCP: 5_482 },
    '04': { BCG: 822, BTN: 404, BCP: 377 },
    '05': { BCG: 771, BTN: 274, BCP: 365 },
    '84': { BCG: 3_523, BTN: 1_385, BCP: 1_573 },
  } as Record<string, { BCG: number; BTN: number; BCP: number }>,
  bcgParSerie: { ES: 5_971, L: 2_487, S: 9_050 } as Record<string, number>,
  btnParSerie: { STHR: 86, ST2S: 1_016, STI2D: 1_548, STD2A: 182, STL: 507, STMG: 3_555, S2TMD: 0 } as Record<string, number>,
  bcpParSpecialite: {
    'Accompagnement soins à domicile': 153, 'Accompagnement soins en structure': 690, 'Accueil relation clients usagers': 412,
    'Aéronautique option avionique': 13, 'Aéronautique option structures': 12, 'Aménagement option systèmes': 48,
    'Aménagement et finition du bâtiment': 18, 'Artisanat et métiers d’art option communication visuelle': 63,
    "Artisanat et métiers d’art option métiers de l'enseigne et de la signalétique": 7, 'Bio-industries de transformation': 19,
    'Boulangerie-Patisserie': 17, Commerce: 814, 'Commerce, service en restauration': 127, 'Conducteur transport routier marchandisage': 94,
    Cuisine: 155, 'Esthétique, cosmétique et parfumerie': 130, 'Etude et définition de produits industriels': 20,
    'Etude et réalisation d’agencement': 5, 'Gestion administration': 1_367, 'Hygiène propreté': 24, 'Intervention sur le patrimoine bâti': 4,
    Logistique: 85, 'Maintenance automobile option motocycles': 35, 'Maintenance automobile option véhicules industriels': 60,
    'Maintenance automobile option voitures particulières': 238, 'Maintenance des équipements industriels': 336,
    'Maintenance des matériels (agricoles, de travaux publics et manutention, de parcs et jardins)': 54, 'Maintenance nautique': 49,
    'Métiers de l’électricité et environnement connecté': 535, 'Métiers de la mode vêtement': 89, 'Métiers de la sécurité': 50,
    Microtechniques: 39, 'Optique Lunetterie': 30, 'Menuiserie aluminium verre': 8, 'Ouvrage du bâtiment : métallerie': 41, Photographie: 22,
    'Pilote de ligne de production': 10, 'Plastique composite': 11, 'Procédés chimiques eau papier carton': 45, 'Production graphique': 30,
    'Production imprimée': 22, 'Prothèse dentaire': 46, 'Réparation des carrosseries': 39, 'Service de proximité vie locale': 108,
    'Systèmes électroniques numériques': 506, 'Technicien appareillage orthopédique': 14, 'Technicien constructeur bois': 30,
    'Technicien bâtiment option A études et économie': 47, 'Technicien bâtiment option B : assistant en architecture': 56,
    'Technicien du bâtiment : organisation réalisation du gros œuvre': 28, 'Technicien en chaudronnerie industrielle': 100,
    "Technicien du froid et du conditionnement de l'air": 60, 'Technicien en installation des systèmes énergétiques et climatiques': 85,
    'Technicien en maintenance des systèmes énergétiques et climatiques': 68, "Technicien d'usinage": 57, 'Technicien menuisier agenceur': 63,
    'Technicien outilleur': 5, 'Technicien topographe géomètre': 23, Transport: 51, 'Travaux publics': 33,
    'Vente (prospection, négociation, suivi de clientèle)': 397,
  } as Record<string, number>,
};

/**
 * Académies (since the 2020 merger of Caen and Rouen into Normandie, and
 * Mayotte's own académie) and the vice-rectorats that run the bac overseas.
 * Each publishes at times set in its own time zone.
 */
export interface Academie {
  slug: string;
  name: string;
  timeZone: string;
  /** INSEE codes, as strings ('04', '2A', '971'). */
  departements: readonly string[];
  overseas: boolean;
}

const metro = (slug: string, name: string, departements: string[]): Academie => ({
  slug,
  name,
  timeZone: 'Europe/Paris',
  departements,
  overseas: false,
});
const overseas = (slug: string, name: string, timeZone: string, departement: string): Academie => ({
  slug,
  name,
  timeZone,
  departements: [departement],
  overseas: true,
});

export const ACADEMIES: readonly Academie[] = [
  metro('aix-marseille', 'Aix-Marseille', ['04', '05', '13', '84']),
  metro('amiens', 'Amiens', ['02', '60', '80']),
  metro('besancon', 'Besançon', ['25', '39', '70', '90']),
  metro('bordeaux', 'Bordeaux', ['24', '33', '40', '47', '64']),
  metro('clermont-ferrand', 'Clermont-Ferrand', ['03', '15', '43', '63']),
  metro('corse', 'Corse', ['2A', '2B']),
  metro('creteil', 'Créteil', ['77', '93', '94']),
  metro('dijon', 'Dijon', ['21', '58', '71', '89']),
  metro('grenoble', 'Grenoble', ['07', '26', '38', '73', '74']),
  metro('lille', 'Lille', ['59', '62']),
  metro('limoges', 'Limoges', ['19', '23', '87']),
  metro('lyon', 'Lyon', ['01', '42', '69']),
  metro('montpellier', 'Montpellier', ['11', '30', '34', '48', '66']),
  metro('nancy-metz', 'Nancy-Metz', ['54', '55', '57', '88']),
  metro('nantes', 'Nantes', ['44', '49', '53', '72', '85']),
  metro('nice', 'Nice', ['06', '83']),
  metro('normandie', 'Normandie', ['14', '27', '50', '61', '76']),
  metro('orleans-tours', 'Orléans-Tours', ['18', '28', '36', '37', '41', '45']),
  metro('paris', 'Paris', ['75']),
  metro('poitiers', 'Poitiers', ['16', '17', '79', '86']),
  metro('reims', 'Reims', ['08', '10', '51', '52']),
  metro('rennes', 'Rennes', ['22', '29', '35', '56']),
  metro('strasbourg', 'Strasbourg', ['67', '68']),
  metro('toulouse', 'Toulouse', ['09', '12', '31', '32', '46', '65', '81', '82']),
  metro('versailles', 'Versailles', ['78', '91', '92', '95']),
  overseas('guadeloupe', 'Guadeloupe', 'America/Guadeloupe', '971'),
  overseas('martinique', 'Martinique', 'America/Martinique', '972'),
  overseas('guyane', 'Guyane', 'America/Cayenne', '973'),
  overseas('la-reunion', 'La Réunion', 'Indian/Reunion', '974'),
  overseas('mayotte', 'Mayotte', 'Indian/Mayotte', '976'),
  overseas('saint-pierre-et-miquelon', 'Saint-Pierre-et-Miquelon', 'America/Miquelon', '975'),
  overseas('wallis-et-futuna', 'Wallis-et-Futuna', 'Pacific/Wallis', '986'),
  overseas('polynesie-francaise', 'Polynésie française', 'Pacific/Tahiti', '987'),
  overseas('nouvelle-caledonie', 'Nouvelle-Calédonie', 'Pacific/Noumea', '988'),
];

const BY_SLUG = new Map(ACADEMIES.map((a) => [a.slug, a]));

export function findAcademie(slug: string): Academie | undefined {
  return BY_SLUG.get(slug);
}

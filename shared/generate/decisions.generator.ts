import { ACADEMIES, findAcademie, type Academie } from '../domain/reference/academies.js';
import { EFFECTIFS_AIX_MARSEILLE_2020 } from '../domain/reference/exams.js';
import { mentionForAverage } from '../domain/rules/mention.js';
import type { CsvV1Row } from '../ingest/format-v1.js';
import { lyceesOf, type Lycee } from './lycees.js';
import { NOMS, PRENOMS } from './names.js';
import { Random, Weighted } from './random.js';

export { writeCsv } from './csv-writer.js';

export interface GenerateOptions {
  academie: string;
  session: string;
  candidates?: number;
  seed?: number;
}

type Voie = 'BCG' | 'BTN' | 'BCP';
const E = EFFECTIFS_AIX_MARSEILLE_2020;

/**
 * Outcome rates per voie (first group, of candidates deliberated): admitted
 * about 91 % général, 78 % technologique, 80 % professionnel; 8-10 % invited
 * to the second group overall; a few éliminés and remplacements.
 */
const OUTCOMES: Record<Voie, [CsvV1Row['decision'], number][]> = {
  BCG: [['ADMIS', 0.905], ['SECOND_GROUPE', 0.065], ['AJOURNE', 0.024], ['ELIMINE', 0.003], ['REMPLACEMENT', 0.003]],
  BTN: [['ADMIS', 0.775], ['SECOND_GROUPE', 0.125], ['AJOURNE', 0.094], ['ELIMINE', 0.003], ['REMPLACEMENT', 0.003]],
  BCP: [['ADMIS', 0.795], ['SECOND_GROUPE', 0.1], ['AJOURNE', 0.099], ['ELIMINE', 0.003], ['REMPLACEMENT', 0.003]],
};
/** Averages of admitted candidates: 45 % under 12, so about 55 % earn a mention. */
const ADMITTED_AVERAGES = new Weighted<[number, number]>([[[10, 12], 45], [[12, 14], 25], [[14, 16], 17], [[16, 18], 10], [[18, 20], 3]]);

const moyenne = (random: Random, [min, max]: readonly [number, number]) => Math.floor(random.between(min, max) * 100) / 100;
const frenchNumber = (m: number) => m.toFixed(2).replace('.', ',');

/** The académie's UTC offset at an instant, "+02:00", from its time zone (formatters are costly: one per zone). */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, string>();
function offsetOn(timeZone: string, date: Date): string {
  // Deliberations happen in the day, far from the night-time DST change: one offset per zone and hour.
  const key = `${timeZone}|${date.toISOString().slice(0, 13)}`;
  const known = offsets.get(key);
  if (known) return known;
  let format = offsetFormats.get(timeZone);
  if (!format) offsetFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' })));
  const name = format.formatToParts(date).find((p) => p.type === 'timeZoneName')!.value;
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  offsets.set(key, offset);
  return offset;
}

function departementWeights(a: Academie, voie: Voie): Weighted<string> {
  const table = a.slug === 'aix-marseille' ? E.parDepartement : undefined;
  return new Weighted(a.departements.map((d) => [d, table?.[d]?.[voie] ?? 1] as const));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** First-group decisions of a whole académie, one candidate at a time (never held in memory). */
export function* generateFirstGroup(options: GenerateOptions): Generator<CsvV1Row> {
  const a = findAcademie(options.academie);
  if (!a) throw new Error(`unknown académie "${options.academie}"`);
  if (!/^\d{4}-\d{2}$/.test(options.session)) throw new Error(`session must be YYYY-MM (got "${options.session}")`);
  const candidates = options.candidates ?? 20_000;
  const seed = options.seed ?? 1;
  const random = new Random(seed);
  const year = Number(options.session.slice(0, 4));

  const voies = new Weighted<Voie>([['BCG', 17_508], ['BTN', 6_894], ['BCP', 7_797]]);
  const byDepartement = Object.fromEntries(a.departements.map((d) => [d, candidates / a.departements.length]));
  if (a.slug === 'aix-marseille') {
    for (const d of a.departements) byDepartement[d] = (candidates * (E.parDepartement[d]!.BCG + E.parDepartement[d]!.BTN + E.parDepartement[d]!.BCP)) / 32_199;
  }
  const lycees = lyceesOf(a.slug, byDepartement, seed);
  const byPlace = new Map<string, Lycee[]>();
  for (const l of lycees) for (const v of l.voies) byPlace.set(`${l.departement}|${v}`, [...(byPlace.get(`${l.departement}|${v}`) ?? []), l]);
  const lyceesFor = (departement: string, voie: Voie): Lycee[] => byPlace.get(`${departement}|${voie}`)!;
  const departements = { BCG: departementWeights(a, 'BCG'), BTN: departementWeights(a, 'BTN'), BCP: departementWeights(a, 'BCP') };
  const bcgSeries = new Weighted(Object.entries(E.bcgParSerie));
  const btnSeries = new Weighted(Object.entries(E.btnParSerie).map(([s, n]) => [s, Math.max(n, 20)] as const));
  const bcpSpecialites = new Weighted(Object.entries(E.bcpParSpecialite));
  const outcomes = { BCG: new Weighted(OUTCOMES.BCG), BTN: new Weighted(OUTCOMES.BTN), BCP: new Weighted(OUTCOMES.BCP) };
  // Candidate numbers: 2 digits of year, 2 of académie, 7 of counter: unique across a national file.
  const academieIndex = ACADEMIES.indexOf(a);
  const ages = new Weighted([[17, 15], [18, 75], [19, 10]] as const);

  for (let i = 0; i < candidates; i++) {
    const voie = voies.draw(random);
    const departement = departements[voie].draw(random);
    const lycee = random.pick(lyceesFor(departement, voie));
    const decision = outcomes[voie].draw(random);
    let average: number | null = null;
    if (decision === 'ADMIS') average = moyenne(random, ADMITTED_AVERAGES.draw(random));
    else if (decision === 'SECOND_GROUPE') average = moyenne(random, [8, 10]);
    else if (decision === 'AJOURNE') average = moyenne(random, voie === 'BCP' ? [5, 10] : [4, 8]);
    const mention = decision === 'ADMIS' && average !== null ? mentionForAverage(voie, average) : null;

    const age = random.next() < 0.05 ? random.int(19, 40) : ages.draw(random);
    const month = random.int(1, 12);
    const day = random.int(1, new Date(Date.UTC(year - age, month, 0)).getUTCDate());
    const prenoms = random.next() < 0.3 ? `${random.pick(PRENOMS)}, ${random.pick(PRENOMS)}` : random.pick(PRENOMS);
    const jour = random.int(3, 5);
    const deliberation = new Date(Date.UTC(year, 6, jour, random.int(9, 17), random.int(0, 59)));
    const consent = random.next();

    yield {
      session: options.session,
      academie: a.slug,
      numero_candidat: `${pad(year % 100)}${pad(academieIndex)}${pad(i, 7)}`,
      nom: random.pick(NOMS),
      prenoms,
      date_naissance: `${pad(day)}/${pad(month)}/${year - age}`,
      uai: lycee.uai,
      departement,
      examen: voie,
      serie: voie === 'BCG' ? (year < 2021 ? bcgSeries.draw(random) : '') : voie === 'BTN' ? btnSeries.draw(random) : bcpSpecialites.draw(random),
      groupe: '1',
      decision,
      mention: mention ?? '',
      moyenne: average === null ? '' : frenchNumber(average),
      accord_publication: consent < 0.5 ? 'O' : consent < 0.85 ? 'N' : '',
      jury: `J${lycee.uai.slice(0, 3)}-${pad(1 + (Number(lycee.uai.slice(3, 7)) % 9))}`,
      deliberation: `${year}-07-${pad(jour)}T${pad(deliberation.getUTCHours())}:${pad(deliberation.getUTCMinutes())}:00${offsetOn(a.timeZone, deliberation)}`,
    };
  }
}

/** The second-group decisions of the candidates invited to it: about 75 % admitted, no mention. */
export function* generateSecondGroup(firstGroup: Iterable<CsvV1Row>, options: { seed?: number } = {}): Generator<CsvV1Row> {
  const random = new Random((options.seed ?? 1) * 31 + 2);
  for (const row of firstGroup) {
    if (row.groupe !== '1' || row.decision !== 'SECOND_GROUPE') continue;
    const admitted = random.next() < 0.75;
    const [date, rest] = row.deliberation.split('T') as [string, string];
    const day = Number(date.slice(8, 10)) + 5;
    yield {
      ...row,
      groupe: '2',
      decision: admitted ? 'ADMIS' : 'AJOURNE',
      mention: '',
      moyenne: frenchNumber(moyenne(random, admitted ? [10, 12] : [7, 10])),
      deliberation: `${date.slice(0, 8)}${pad(day)}T${rest}`,
    };
  }
}

import { ACADEMIES, findAcademie, type Academie } from '../domain/reference/academies.js';
import { EFFECTIFS_AIX_MARSEILLE_2020 as E } from '../domain/reference/exams.js';
import { mentionForAverage } from '../domain/rules/mention.js';
import { Session, type DecisionCode } from '../domain/vocabulary.js';
import type { CsvV1Row } from '../ingest/format-v1.js';
import { isoDate, offsetOn } from './calendar.js';
import { moyenneText, pad2 } from './format.js';
import { lyceesOf } from './lycees.js';
import { NOMS, NOMS_REGIONAUX, PRENOMS_F, PRENOMS_M } from './names.js';
import { Random, Weighted, mixSeed } from './random.js';
import { candidateShares, expectedCandidates, VOIES, type Voie } from './sizes.js';

export { writeCsv } from './csv-writer.js';
export { generateSecondGroup } from './second-group.generator.js';
export { lyceesOf, type Lycee } from './lycees.js';
export { expectedCandidates } from './sizes.js';

export interface GenerateOptions {
  academie: string;
  session: string;
  /** Default: a realistic size for the académie (about 31,000 for Aix-Marseille). */
  candidates?: number;
  seed?: number;
}

/**
 * First-group outcomes per voie, of all candidates: admitted about 91 %
 * général, 78 % techno, 80 % pro of those deliberated; 8-10 % invited to
 * the second group overall; a few éliminés and remplacements.
 */
const OUTCOMES: Record<Voie, [DecisionCode, number][]> = {
  BCG: [
    ['ADMIS', 0.905],
    ['SECOND_GROUPE', 0.07],
    ['AJOURNE', 0.019],
    ['ELIMINE', 0.003],
    ['REMPLACEMENT', 0.003],
  ],
  BTN: [
    ['ADMIS', 0.775],
    ['SECOND_GROUPE', 0.13],
    ['AJOURNE', 0.089],
    ['ELIMINE', 0.003],
    ['REMPLACEMENT', 0.003],
  ],
  BCP: [
    ['ADMIS', 0.795],
    ['SECOND_GROUPE', 0.105],
    ['AJOURNE', 0.094],
    ['ELIMINE', 0.003],
    ['REMPLACEMENT', 0.003],
  ],
};

/**
 * Averages of the admitted, in hundredths, by band: [10,12) no mention,
 * then AB, B, TB, and ≥ 18. General candidates earn more mentions than
 * techno and pro ones; overall about 55 % of the admitted get one.
 */
const ADMITTED_BANDS: Record<Voie, number[]> = {
  BCG: [38, 28, 19, 11, 4],
  BTN: [55, 27, 12, 5, 1],
  BCP: [50, 28, 15, 6, 1],
};
const FAILED_RANGE: Record<Voie, [number, number]> = {
  BCG: [500, 799],
  BTN: [500, 799],
  BCP: [600, 999],
};

/** Age at the session (year difference): most 17-19, a few adults as candidats individuels. */
const AGES = new Weighted<number>([
  [17, 14],
  [18, 72],
  [19, 9],
  [20, 2.5],
  [-1, 2.5],
]);
/** Days in a month (1-12): day 0 of the next month is its last. */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A lycée as its rows need it: UAI, and its jury's sitting. */
interface Seat {
  uai: string;
  jury: string;
  /** "2024-07-03T": the jury's day. */
  day: string;
  offset: string;
  /** Minutes after midnight when the jury starts deliberating. */
  start: number;
}

/** Everything drawn per row, prepared once per académie. */
function plan(a: Academie, year: number, month: number, seed: number, random: Random) {
  // Juries sit in the first days of the month after the session's exams (June → early July).
  const juryDays = new Map<string, { day: string; offset: string; start: number }>();
  const seats = new Map<string, [Seat, number][]>();
  for (const l of lyceesOf(a.slug, seed)) {
    let jury = juryDays.get(l.jury);
    if (!jury) {
      const date = isoDate(year, month + 1, random.int(2, 5));
      juryDays.set(
        l.jury,
        (jury = {
          day: `${date}T`,
          offset: offsetOn(a.timeZone, date),
          start: random.int(8 * 60, 15 * 60),
        }),
      );
    }
    for (const v of l.voies) {
      const key = `${l.departement}|${v}`;
      seats.set(key, [
        ...(seats.get(key) ?? []),
        [{ uai: l.uai, jury: l.jury, ...jury }, l.weight],
      ]);
    }
  }
  const series: Record<Voie, Weighted<string>> = {
    BCG: new Weighted(year < 2021 ? Object.entries(E.bcgParSerie) : [['', 1]]),
    // S2TMD had no candidate in Aix-Marseille in 2020 but exists: a floor keeps it in the data.
    BTN: new Weighted(Object.entries(E.btnParSerie).map(([s, n]) => [s, Math.max(n, 20)] as const)),
    BCP: new Weighted(Object.entries(E.bcpParSpecialite)),
  };
  const places = new Weighted(
    candidateShares(a).map(
      (c) =>
        [
          {
            ...c,
            seats: new Weighted(seats.get(`${c.departement}|${c.voie}`) ?? []),
            serie: series[c.voie],
          },
          c.share,
        ] as const,
    ),
  );
  const regional = NOMS_REGIONAUX[a.slug];
  return { places, regional };
}

/** First-group decisions of a whole académie, one candidate at a time (never held in memory). */
export function* generateFirstGroup(options: GenerateOptions): Generator<CsvV1Row> {
  const a = findAcademie(options.academie);
  if (!a) throw new Error(`unknown académie "${options.academie}"`);
  if (!Session.safeParse(options.session).success)
    throw new Error(`session must be YYYY-MM (got "${options.session}")`);
  const year = Number(options.session.slice(0, 4));
  const candidates = options.candidates ?? expectedCandidates(a);
  if (!Number.isInteger(candidates) || candidates < 0 || candidates > 9_999_999)
    throw new Error('candidates must be a whole number under 10 million');
  const seed = options.seed ?? 1;
  const academieIndex = ACADEMIES.indexOf(a);
  const random = new Random(mixSeed(seed, academieIndex, options.session));
  const { places, regional } = plan(a, year, Number(options.session.slice(5)), seed, random);
  const outcomes = Object.fromEntries(VOIES.map((v) => [v, new Weighted(OUTCOMES[v])])) as Record<
    Voie,
    Weighted<DecisionCode>
  >;
  const bands = Object.fromEntries(
    VOIES.map((v) => [
      v,
      new Weighted(ADMITTED_BANDS[v].map((w, i) => [1000 + 200 * i, w] as const)),
    ]),
  ) as Record<Voie, Weighted<number>>;
  // Candidate numbers: year, académie, counter: unique within a national file too.
  const numeroPrefix = `${pad2(year % 100)}${pad2(academieIndex)}`;

  for (let i = 0; i < candidates; i++) {
    const place = places.draw(random);
    const voie = place.voie;
    const seat = place.seats.draw(random);
    const decision = outcomes[voie].draw(random);
    let hundredths = -1;
    if (decision === 'ADMIS') {
      const band = bands[voie].draw(random);
      // 20,00 is possible, just.
      hundredths = band + Math.floor(random.next() * (band === 1800 ? 201 : 200));
    } else if (decision === 'SECOND_GROUPE') hundredths = random.int(800, 999);
    else if (decision === 'AJOURNE') hundredths = random.int(...FAILED_RANGE[voie]);
    const mention = decision === 'ADMIS' ? (mentionForAverage(voie, hundredths / 100) ?? '') : '';

    const female = random.chance(0.52);
    const given = female ? PRENOMS_F : PRENOMS_M;
    const extra = random.next();
    let prenoms = random.pick(given);
    if (extra < 0.45) prenoms += `, ${random.pick(given)}`;
    if (extra < 0.1) prenoms += `, ${random.pick(given)}`;
    const nom = regional && random.chance(0.4) ? random.pick(regional) : random.pick(NOMS);

    let age = AGES.draw(random);
    if (age < 0) age = random.int(21, 55);
    const born = year - age;
    const month = random.int(1, 12);
    const day = random.int(1, daysIn(born, month));
    const consent = random.next();
    const minutes = seat.start + random.int(0, 180);
    const time = `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00`;

    yield {
      session: options.session,
      academie: a.slug,
      numero_candidat: `${numeroPrefix}${String(i).padStart(7, '0')}`,
      nom,
      prenoms,
      date_naissance: `${pad2(day)}/${pad2(month)}/${born}`,
      uai: seat.uai,
      departement: place.departement,
      examen: voie,
      serie: place.serie.draw(random),
      groupe: '1',
      decision,
      mention,
      moyenne: hundredths < 0 ? '' : moyenneText(hundredths),
      accord_publication: consent < 0.5 ? 'O' : consent < 0.9 ? 'N' : '',
      jury: seat.jury,
      deliberation: `${seat.day}${time}${seat.offset}`,
    };
  }
}

import type { Decision, DecisionCode, Examen, Mention } from '../domain/decision.schema.js';
import { findAcademie, type Academie } from '../domain/reference/academies.js';
import type { SerieCheck } from '../domain/reference/exams.js';
import { mentionForAverage } from '../domain/rules/mention.js';
import { checkAverageForDecision } from '../domain/rules/outcome.js';
import { CSV_V1_COLUMNS, type CsvV1Column } from './format-v1.js';
import {
  daysIn,
  digits,
  EXAMEN_WORDS,
  EXAMENS,
  DECISION_WORDS,
  is,
  isDigit,
  isLower,
  isUpper,
  LETTER,
  MENTION_WORDS,
  NAME_CHARS,
  NAME_REST,
  NAME_TABLE_SIZE,
  oneOf,
  parseDeliberation,
  parseMoyenne,
  PRENOMS_REST,
  UAI_LETTERS,
} from './fast-cells.js';
import { serieOf } from './row-lookups.js';

/**
 * The fast path of valid quote-free lines: cells found with indexOf and
 * checked with charCode tests (fast-cells.ts), no per-row object, no regex. It only ever says "this line is a
 * valid row, here are its values" or "not sure": then the caller takes the
 * reference path (split + RowValidator, zod), which reports the issues. So
 * every message still comes from one place, and anything unusual (other
 * whitespace, letters beyond U+20FF, years outside 1800-2199, fractional
 * seconds...) is simply left to the reference path. fast-path.property.test.ts
 * checks that both paths agree.
 *
 * The values of the last accepted line are kept in fields, read by
 * chunk-validation.ts (facts) or turned into a Decision (later passes).
 */

// Column numbers as literal constants, so that the switch in cell() is a jump table.
const SESSION = 0;
const ACADEMIE = 1;
const NUMERO_CANDIDAT = 2;
const NOM = 3;
const PRENOMS = 4;
const DATE_NAISSANCE = 5;
const UAI = 6;
const DEPARTEMENT = 7;
const EXAMEN = 8;
const SERIE = 9;
const GROUPE = 10;
const DECISION = 11;
const MENTION = 12;
const MOYENNE = 13;
const ACCORD_PUBLICATION = 14;
const JURY = 15;
const DELIBERATION = 16;
const COL = Object.fromEntries(CSV_V1_COLUMNS.map((c, i) => [c, i])) as Record<CsvV1Column, number>;
if (
  CSV_V1_COLUMNS.some((c, i) => COL[c] !== i) ||
  COL.deliberation !== DELIBERATION ||
  COL.uai !== UAI
) {
  throw new Error('format-v1.ts changed its columns: renumber fast-row.ts');
}
const FIELDS = CSV_V1_COLUMNS.length;

/**
 * Cells of a fixed width (session, birth date, UAI, groupe) or of a few
 * characters: their separator is looked for character by character, which
 * costs less than a call to indexOf. 0: any width, indexOf.
 */
const SHORT = new Uint8Array(FIELDS);
for (const [column, width] of [
  [SESSION, 7],
  [DATE_NAISSANCE, 10],
  [UAI, 8],
  [DEPARTEMENT, 3],
  [EXAMEN, 3],
  [GROUPE, 1],
  [MENTION, 3],
  [MOYENNE, 6],
  [ACCORD_PUBLICATION, 1],
]) {
  SHORT[column!] = width!;
}

/** The next `;` from text[at], looked for over `short` characters first. */
function nextSeparator(text: string, at: number, short: number): number {
  for (let i = at; i <= at + short; i++) if (text.charCodeAt(i) === 59) return i;
  return text.indexOf(';', at + short + 1);
}

/**
 * Reads lines; once one is accepted, the reader itself stands for its
 * Decision (getters), and text cells become strings only when read: the
 * checking pass needs few of them.
 */
export class FastRowReader implements Decision {
  /** column of each position of the file */
  private readonly order: Uint8Array;
  /** the text being read, and where each text cell of the accepted line is */
  private text = '';
  private readonly at = new Int32Array(FIELDS);
  private readonly end = new Int32Array(FIELDS);

  // Values of the last accepted line that are not plain text cells.
  session = '';
  academie = '';
  examen: Examen = 'BCG';
  serie: string | null = null;
  groupe: 1 | 2 = 1;
  decision: DecisionCode = 'ADMIS';
  mention: Mention | null = null;
  moyenne: number | null = null;
  accordPublication = false;
  /** The deliberation in epoch ms, or NaN when only `deliberationText` (luxon's answer) holds it exactly. */
  deliberationMs = NaN;
  deliberationText = '';
  /** `session|academie|`, rebuilt only when they change. */
  scope = '';
  /** Where the accepted line ends (its line break, or the limit). */
  lineEnd = 0;

  private academieRef!: Academie;
  private sessionYear = 0;
  private birthYear = 0;
  private readonly series = EXAMENS.map(() => new Map<string, SerieCheck>());
  /** The last série text seen for each examen, and its answer: rows often repeat it. */
  private readonly lastSerie = EXAMENS.map(() => ({
    text: '',
    check: undefined as SerieCheck | undefined,
  }));
  private serieSession = '';

  private setScope(): void {
    this.scope = `${this.session}|${this.academie}|`;
  }

  private cellText(column: number): string {
    return this.text.slice(this.at[column]!, this.end[column]!);
  }

  get numero(): string {
    return this.cellText(NUMERO_CANDIDAT);
  }
  get nom(): string {
    return this.cellText(NOM);
  }
  get prenoms(): string {
    return this.cellText(PRENOMS);
  }
  get dateNaissance(): string {
    const a = this.at[DATE_NAISSANCE]!;
    return `${this.text.slice(a + 6, a + 10)}-${this.text.slice(a + 3, a + 5)}-${this.text.slice(a, a + 2)}`;
  }
  get uai(): string {
    return this.cellText(UAI);
  }
  get departement(): string {
    return this.cellText(DEPARTEMENT);
  }
  get jury(): string {
    return this.cellText(JURY);
  }
  get deliberation(): string {
    return Number.isNaN(this.deliberationMs)
      ? this.deliberationText
      : new Date(this.deliberationMs).toISOString();
  }
  /** The slot (row-facts.ts slotOf) of the accepted line. */
  get slot(): string {
    return `${this.scope}${this.numero}|${this.groupe}`;
  }

  constructor(columnIndex: Record<CsvV1Column, number>) {
    this.order = new Uint8Array(FIELDS);
    for (const c of CSV_V1_COLUMNS) this.order[columnIndex[c]] = COL[c];
  }

  /**
   * Reads the line at text[start..] (to its line break, or to `limit`; no
   * quote in it). True when it is a valid row: `lineEnd` is then where its
   * line break is.
   */
  read(text: string, start: number, limit: number): boolean {
    this.text = text;
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd === -1 || lineEnd > limit) lineEnd = limit;
    let cellStart = start;
    for (let k = 0; k < FIELDS - 1; k++) {
      const stop = nextSeparator(text, cellStart, SHORT[this.order[k]!]!);
      if (stop === -1 || stop >= lineEnd || !this.endCell(k, text, cellStart, stop)) return false;
      cellStart = stop + 1;
    }
    const end = lineEnd > cellStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const extra = text.indexOf(';', cellStart);
    if (extra !== -1 && extra < lineEnd) return false; // more than 17 cells
    this.lineEnd = lineEnd;
    return this.endCell(FIELDS - 1, text, cellStart, end) && this.crossChecks();
  }

  /** Cell k of the line is text[a..b): cells may carry spaces or tabs around them (other whitespace is left to the reference path). */
  private endCell(k: number, text: string, a: number, b: number): boolean {
    while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
    const column = this.order[k]!;
    this.at[column] = a;
    this.end[column] = b;
    return this.cell(column, text, a, b);
  }

  private cell(column: number, text: string, a: number, b: number): boolean {
    switch (column) {
      case SESSION: {
        const year = digits(text, a, 4);
        const month = digits(text, a + 5, 2);
        if (b - a !== 7 || year < 0 || text.charCodeAt(a + 4) !== 45 || month < 1 || month > 12)
          return false;
        if (!is(text, a, b, this.session)) {
          this.session = text.slice(a, b);
          this.setScope();
        }
        this.sessionYear = year;
        return true;
      }
      case ACADEMIE: {
        if (this.academie !== '' && is(text, a, b, this.academie)) return true;
        const found = findAcademie(text.slice(a, b));
        if (!found) return false;
        this.academieRef = found;
        this.academie = found.slug;
        this.setScope();
        return true;
      }
      case NUMERO_CANDIDAT: {
        if (b - a < 6 || b - a > 15) return false;
        for (let i = a; i < b; i++) {
          const c = text.charCodeAt(i);
          if (!isDigit(c) && !isUpper(c)) return false;
        }
        return true;
      }
      case NOM:
      case PRENOMS: {
        const rest = column === NOM ? NAME_REST : PRENOMS_REST;
        if (b - a < 1 || b - a > 100) return false;
        for (let i = a; i < b; i++) {
          const c = text.charCodeAt(i);
          if (c >= NAME_TABLE_SIZE || (NAME_CHARS[c]! & (i === a ? LETTER : rest)) === 0)
            return false;
        }
        return true;
      }
      case DATE_NAISSANCE: {
        const day = digits(text, a, 2);
        const month = digits(text, a + 3, 2);
        const year = digits(text, a + 6, 4);
        if (b - a !== 10 || text.charCodeAt(a + 2) !== 47 || text.charCodeAt(a + 5) !== 47)
          return false;
        if (
          year < 1800 ||
          year > 2199 ||
          month < 1 ||
          month > 12 ||
          day < 1 ||
          day > daysIn(year, month)
        )
          return false;
        this.birthYear = year;
        return true;
      }
      case UAI: {
        const n = digits(text, a, 7);
        if (b - a !== 8 || n < 0 || text.charCodeAt(a + 7) !== UAI_LETTERS.charCodeAt(n % 23))
          return false;
        return true;
      }
      case DEPARTEMENT: {
        const n = b - a;
        const c0 = text.charCodeAt(a);
        const c1 = text.charCodeAt(a + 1);
        const ok =
          (n === 2 || n === 3) &&
          isDigit(c0) &&
          isDigit(c1) &&
          (n === 2 || isDigit(text.charCodeAt(a + 2)));
        if (!ok && !(n === 2 && c0 === 50 && (c1 === 65 || c1 === 66))) return false;
        return true;
      }
      case EXAMEN: {
        const examen = oneOf(text, a, b, EXAMEN_WORDS);
        if (!examen) return false;
        this.examen = examen;
        return true;
      }
      case SERIE:
        // Any text but ; and " (the caller only gives quote-free lines): canonicalSerie decides.
        return true; // read in crossChecks, knowing the examen and the session
      case GROUPE: {
        const c = text.charCodeAt(a);
        if (b - a !== 1 || (c !== 49 && c !== 50)) return false;
        this.groupe = c === 49 ? 1 : 2;
        return true;
      }
      case DECISION: {
        const decision = oneOf(text, a, b, DECISION_WORDS);
        if (!decision) return false;
        this.decision = decision;
        return true;
      }
      case MENTION: {
        const mention = a === b ? null : oneOf(text, a, b, MENTION_WORDS);
        if (mention === undefined) return false;
        this.mention = mention;
        return true;
      }
      case MOYENNE: {
        const moyenne = parseMoyenne(text, a, b);
        if (moyenne === undefined) return false;
        this.moyenne = moyenne;
        return true;
      }
      case ACCORD_PUBLICATION: {
        const c = text.charCodeAt(a);
        if (b - a > 1 || (b > a && c !== 79 && c !== 111 && c !== 78 && c !== 110)) return false;
        this.accordPublication = b > a && (c === 79 || c === 111);
        return true;
      }
      case JURY: {
        if (b - a < 1 || b - a > 32) return false;
        for (let i = a; i < b; i++) {
          const c = text.charCodeAt(i);
          const alnum = isDigit(c) || isUpper(c) || isLower(c);
          if (!alnum && (i === a || (c !== 32 && c !== 46 && c !== 95 && c !== 47 && c !== 45)))
            return false;
        }
        return true;
      }
      case DELIBERATION:
        return true; // read last, in the académie's time zone
    }
    return false;
  }

  /** The rules between cells (validate-row.ts crossChecks), for valid rows only. */
  private crossChecks(): boolean {
    const { academieRef, examen, groupe, decision, mention, moyenne } = this;
    if (!this.inAcademie(academieRef)) return false;
    const age = this.sessionYear - this.birthYear;
    if (age < 12 || age > 100) return false;
    const serie = this.serieOf(examen);
    if (!serie.ok) return false;
    this.serie = serie.serie;
    if (groupe === 2 && decision !== 'ADMIS' && decision !== 'AJOURNE') return false;
    if (
      mention !== null &&
      (decision !== 'ADMIS' || groupe !== 1 || (mention === 'TBF' && examen === 'BCP'))
    )
      return false;
    if (
      groupe === 1 &&
      decision === 'ADMIS' &&
      moyenne !== null &&
      mentionForAverage(examen, moyenne) !== mention
    )
      return false;
    if (checkAverageForDecision(examen, groupe, decision, moyenne) !== null) return false;
    return this.readDeliberation();
  }

  /** canonicalSerie, looked up per examen; only the général bac's answer depends on the session. */
  private serieOf(examen: Examen): SerieCheck {
    if (this.serieSession !== this.session) {
      for (const m of this.series) m.clear();
      for (const last of this.lastSerie) last.check = undefined;
      this.serieSession = this.session;
    }
    const e = EXAMENS.indexOf(examen);
    const last = this.lastSerie[e]!;
    const a = this.at[SERIE]!;
    const b = this.end[SERIE]!;
    if (last.check && is(this.text, a, b, last.text)) return last.check;
    const raw = this.text.slice(a, b);
    const known = this.series[e]!;
    let check = known.get(raw);
    if (!check) known.set(raw, (check = serieOf(examen, this.session, raw)));
    last.text = raw;
    last.check = check;
    return check;
  }

  private inAcademie(academie: Academie): boolean {
    const a = this.at[DEPARTEMENT]!;
    const b = this.end[DEPARTEMENT]!;
    for (const d of academie.departements) if (is(this.text, a, b, d)) return true;
    return false;
  }

  private readDeliberation(): boolean {
    const read = parseDeliberation(
      this.text,
      this.at[DELIBERATION]!,
      this.end[DELIBERATION]!,
      this.academieRef.timeZone,
    );
    if (read === null) return false;
    this.deliberationMs = typeof read === 'number' ? read : NaN;
    this.deliberationText = typeof read === 'number' ? '' : read;
    return true;
  }

  /** The accepted line as a Decision (the write pass). */
  toDecision(): Decision {
    return {
      session: this.session,
      academie: this.academie,
      numero: this.numero,
      nom: this.nom,
      prenoms: this.prenoms,
      dateNaissance: this.dateNaissance,
      uai: this.uai,
      departement: this.departement,
      examen: this.examen,
      serie: this.serie,
      groupe: this.groupe,
      decision: this.decision,
      mention: this.mention,
      moyenne: this.moyenne,
      accordPublication: this.accordPublication,
      jury: this.jury,
      deliberation: this.deliberation,
    };
  }
}

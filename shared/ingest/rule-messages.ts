/**
 * The rules a decision file must follow, each with its message in English and
 * in French. Codes are stable: tests and tooling match on them.
 */
type Message = { rule: string; regle: string };
type Params = Record<string, string | number>;

const MESSAGES: Record<string, (p: Params) => Message> = {
  'file-empty': () => ({
    rule: 'the file is empty (no header row)',
    regle: 'le fichier est vide (pas de ligne d’en-tête)',
  }),
  'file-no-rows': () => ({
    rule: 'the file has a header but no decision rows',
    regle: 'le fichier ne contient aucune décision',
  }),
  'encoding-utf16': () => ({
    rule: 'UTF-16 files are not accepted: export as UTF-8 or Windows-1252',
    regle: 'fichier UTF-16 refusé : exporter en UTF-8 ou Windows-1252',
  }),
  'encoding-binary': () => ({
    rule: 'the file contains NUL bytes: it is not a CSV text file',
    regle: 'le fichier contient des octets nuls : ce n’est pas un fichier CSV',
  }),
  'csv-syntax': (p) => ({
    rule: `CSV syntax error: ${p.detail}`,
    regle: `erreur de syntaxe CSV : ${p.detail}`,
  }),
  'line-too-long': (p) => ({
    rule: `line longer than ${p.max} characters`,
    regle: `ligne de plus de ${p.max} caractères`,
  }),
  'header-missing-column': (p) => ({
    rule: `required column "${p.column}" is missing from the header`,
    regle: `colonne obligatoire « ${p.column} » absente de l’en-tête`,
  }),
  'header-unknown-column': (p) => ({
    rule: `unknown column "${p.column}" (format v1)`,
    regle: `colonne inconnue « ${p.column} » (format v1)`,
  }),
  'header-duplicate-column': (p) => ({
    rule: `column "${p.column}" appears twice in the header`,
    regle: `colonne « ${p.column} » en double dans l’en-tête`,
  }),
  'field-count': (p) => ({
    rule: `expected ${p.expected} fields separated by ";", found ${p.found}`,
    regle: `${p.expected} champs séparés par « ; » attendus, ${p.found} trouvés`,
  }),
  'session-format': () => ({
    rule: 'session must be YYYY-MM, e.g. 2024-06',
    regle: 'la session doit être au format AAAA-MM, par ex. 2024-06',
  }),
  'academie-unknown': () => ({ rule: 'unknown académie slug', regle: 'académie inconnue' }),
  'numero-format': () => ({
    rule: 'candidate number must be 6 to 15 digits or capital letters',
    regle: 'le numéro de candidat doit comporter 6 à 15 chiffres ou majuscules',
  }),
  'name-empty': () => ({ rule: 'must not be empty', regle: 'ne doit pas être vide' }),
  'name-too-long': () => ({ rule: 'longer than 100 characters', regle: 'plus de 100 caractères' }),
  'name-formula': () => ({
    rule: 'starts like a spreadsheet formula (=, +, -, @): refused',
    regle: 'commence comme une formule de tableur (=, +, -, @) : refusé',
  }),
  'name-characters': () => ({
    rule: 'only letters, spaces, apostrophes, hyphens and dots are allowed',
    regle: 'seuls les lettres, espaces, apostrophes, traits d’union et points sont admis',
  }),
  'birth-date-format': () => ({
    rule: 'birth date must be dd/mm/yyyy',
    regle: 'la date de naissance doit être au format jj/mm/aaaa',
  }),
  'birth-date-invalid': () => ({
    rule: 'birth date is not a real calendar date',
    regle: 'la date de naissance n’existe pas',
  }),
  'birth-date-implausible': () => ({
    rule: 'birth date gives an age outside 12-100 at the session',
    regle: 'date de naissance invraisemblable (âge hors de 12 à 100 ans)',
  }),
  'uai-format': () => ({
    rule: 'UAI must be 7 digits and a capital check letter',
    regle: 'l’UAI doit comporter 7 chiffres et une lettre clé majuscule',
  }),
  'uai-check-letter': (p) => ({
    rule: `UAI check letter is wrong (expected ${p.expected})`,
    regle: `lettre clé de l’UAI incorrecte (attendue : ${p.expected})`,
  }),
  'departement-format': () => ({
    rule: 'département code must be like 04, 13, 2A or 971',
    regle: 'code département attendu comme 04, 13, 2A ou 971',
  }),
  'departement-academie': (p) => ({
    rule: `département does not belong to académie ${p.academie}`,
    regle: `le département n’appartient pas à l’académie ${p.academie}`,
  }),
  'examen-unknown': () => ({
    rule: 'examen must be BCG, BTN or BCP',
    regle: 'examen attendu : BCG, BTN ou BCP',
  }),
  'serie-invalid': (p) => ({
    rule: String(p.detail),
    regle: `série ou spécialité invalide : ${p.detail}`,
  }),
  'groupe-invalid': () => ({
    rule: 'groupe must be 1 or 2',
    regle: 'le groupe doit valoir 1 ou 2',
  }),
  'decision-unknown': () => ({
    rule: 'decision must be ADMIS, AJOURNE, SECOND_GROUPE, ELIMINE or REMPLACEMENT',
    regle: 'décision attendue : ADMIS, AJOURNE, SECOND_GROUPE, ELIMINE ou REMPLACEMENT',
  }),
  'decision-groupe': () => ({
    rule: 'a group-2 decision can only be ADMIS or AJOURNE',
    regle: 'une décision du second groupe ne peut être que ADMIS ou AJOURNE',
  }),
  'mention-unknown': () => ({
    rule: 'mention must be empty, AB, B, TB or TBF',
    regle: 'mention attendue : vide, AB, B, TB ou TBF',
  }),
  'mention-not-admis': () => ({
    rule: 'a mention is only awarded with ADMIS at the first group',
    regle: 'une mention n’est attribuée qu’avec ADMIS au premier groupe',
  }),
  'mention-tbf-bcp': () => ({
    rule: 'TBF (félicitations du jury) does not exist for the professional bac',
    regle: 'la mention TBF (félicitations du jury) n’existe pas au bac professionnel',
  }),
  'mention-average': (p) => ({
    rule: `mention inconsistent with the average ${p.moyenne} (expected ${p.expected})`,
    regle: `mention incohérente avec la moyenne ${p.moyenne} (attendue : ${p.expected})`,
  }),
  'moyenne-format': () => ({
    rule: 'average must be a number from 0 to 20, with a comma or a dot',
    regle: 'la moyenne doit être un nombre de 0 à 20, avec virgule ou point',
  }),
  'moyenne-decision': (p) => ({
    rule: String(p.detail),
    regle: `moyenne incohérente avec la décision : ${p.detail}`,
  }),
  'accord-invalid': () => ({
    rule: 'accord_publication must be O, N or empty',
    regle: 'accord_publication doit valoir O, N ou rester vide',
  }),
  'jury-format': () => ({
    rule: 'jury must be 1 to 32 letters, digits, spaces or . _ / -',
    regle: 'le jury doit comporter 1 à 32 lettres, chiffres, espaces ou . _ / -',
  }),
  'deliberation-format': () => ({
    rule: 'deliberation must be an ISO date-time, e.g. 2024-07-05T14:30:00+02:00',
    regle: 'la délibération doit être une date-heure ISO, par ex. 2024-07-05T14:30:00+02:00',
  }),
  'duplicate-row': (p) => ({
    rule: `same candidate and group as line ${p.first}`,
    regle: `même candidat et même groupe qu’à la ligne ${p.first}`,
  }),
  'identity-mismatch': (p) => ({
    rule: `${p.column} differs from this candidate's other row (line ${p.other})`,
    regle: `${p.column} diffère de l’autre ligne de ce candidat (ligne ${p.other})`,
  }),
  'group2-without-group1': () => ({
    rule: 'group-2 decision without a group-1 SECOND_GROUPE decision for this candidate',
    regle: 'décision du second groupe sans décision SECOND_GROUPE au premier groupe',
  }),
  'older-deliberation': (p) => ({
    rule: `older than the stored deliberation ${p.stored}: refused (a correction must be later)`,
    regle: `antérieure à la délibération enregistrée ${p.stored} : refusée (une correction doit être postérieure)`,
  }),
  'conflicting-deliberation': () => ({
    rule: 'a different decision with the same deliberation timestamp is already stored',
    regle: 'une autre décision avec la même date de délibération est déjà enregistrée',
  }),
  'too-many-errors': (p) => ({
    rule: `${p.more} more errors not listed (first ${p.shown} shown)`,
    regle: `${p.more} autres erreurs non listées (${p.shown} premières affichées)`,
  }),
};

export function ruleMessage(code: string, params: Params = {}): Message {
  const make = MESSAGES[code];
  if (!make) throw new Error(`No message for rule ${code}`);
  return make(params);
}

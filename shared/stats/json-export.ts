// The JSON download, schema "publibac/statistiques" version 1. The zod
// schema below IS the documentation of the format: consumers can validate
// against it, and every document is parsed by it before it is written.
// Compatible additions (new optional fields, new niveaux) keep version 1;
// anything else increments it.
//
// Figures:
// - counts are integers, in candidates;
// - rates (taux_*) are percentages rounded to one decimal (89.5 = 89,5 %),
//   null when there is no présent;
// - evolution.points is the difference of the two published rates, in
//   points (0.4), with evolution.statut "points"; "nouveau" when the previous
//   session had no such line; "indisponible" when there is nothing to compare.
// - établissement figures under statistical secrecy are null, and the
//   établissement's "secret" object gives the reason of each (field name →
//   "primaire" | "secondaire"). A compatible addition: documents written
//   before secrecy have no "secret" object.
import { z } from 'zod';
import { Examen, Groupe, Session } from '../domain/vocabulary.js';
import {
  etablissementTable,
  isSecret,
  SYNTHESE_COLUMNS,
  syntheseRow,
  withColumns,
  type ExportTable,
} from './export-tables.js';
import type { AcademieStats, NationalStats, SecretReason } from './stats.types.js';

const Taux = z
  .number()
  .min(0)
  .max(100)
  .nullable()
  .describe('Percentage rounded to one decimal (89.5 = 89,5 %); null without présents');
const Int = z.number().int().nonnegative();

export const JsonLine = z.object({
  niveau: z.enum([
    'academie',
    'departement',
    'voie',
    'voie-departement',
    'serie',
    'domaine',
    'specialite',
  ]),
  code: z.string(),
  libelle: z.string(),
  voie: Examen.nullable(),
  code_departement: z.string().nullable(),
  presents: Int,
  admis_1er_groupe: Int,
  invites_2nd_groupe: Int,
  taux_invites_2nd_groupe: Taux,
  admis_2nd_groupe: Int,
  admis: Int,
  ajournes: Int,
  en_attente_2nd_groupe: Int,
  elimines: Int,
  taux_reussite: Taux,
  mentions_ab: Int,
  mentions_b: Int,
  mentions_tb: Int,
  mentions_tbf: Int,
  taux_mentions: Taux,
  taux_reussite_precedent: Taux,
  evolution: z
    .object({
      statut: z.enum(['points', 'nouveau', 'indisponible']),
      points: z.number().nullable(),
    })
    .describe(
      'Difference of the published success rates in points; "nouveau": no such line in the ' +
        'previous session; "indisponible": nothing to compare',
    ),
});

const SecretReasonSchema = z
  .enum(['primaire', 'secondaire'])
  .describe(
    'primaire: rests on fewer présents than the threshold (seuil_secret); secondaire: would let ' +
      'a primaire figure be recomputed from the published ones',
  );

/**
 * One établissement: the open dataset's field names (see export-tables.ts), values as in the CSV.
 */
export const JsonEtablissement = z
  .object({
    uai: z.string(),
    secret: z
      .record(z.string(), SecretReasonSchema)
      .optional()
      .describe(
        'Figures under statistical secrecy, by field name, with their reason; each of these ' +
          'fields is null. Absent in documents written before secrecy.',
      ),
  })
  .catchall(z.union([z.string(), z.number(), z.null()]))
  .describe(
    'Field names of the ministry open dataset of lycée results (uai, libelle_uai, ' +
      'code_departement, presents_total, taux_reu_total, taux_men_total, ' +
      'nb_mentions_tb_avecf_g, ...); null for no figure or a secret one',
  );

export const StatsDocument = z.object({
  schema: z.literal('publibac/statistiques'),
  version: z.literal(1),
  /** "academie" for one académie, "national" across académies. */
  portee: z.enum(['academie', 'national']),
  /** Académie slug(s) covered. */
  academies: z.array(z.string()).min(1),
  session: Session,
  /** 1: provisional figures after the first group; 2: after the second group. */
  groupe: Groupe,
  session_precedente: Session.nullable(),
  /**
   * Établissement figures resting on fewer présents are secret; absent from national documents (no
   * établissement).
   */
  seuil_secret: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('Statistical secrecy threshold of the établissement figures, in présents'),
  lignes: z.array(JsonLine),
  etablissements: z.array(JsonEtablissement),
});
export type StatsDocument = z.infer<typeof StatsDocument>;

function objects(table: ExportTable): Record<string, string | number | null>[] {
  return table.rows.map((row) =>
    Object.fromEntries(
      withColumns(table, row).map(([c, v]) => {
        return [
          c.key,
          isSecret(v)
            ? null
            : typeof v === 'number' && (c.type === 'percent' || c.type === 'points')
              ? v / 10
              : v,
        ];
      }),
    ),
  );
}

/** The établissements, each with the reasons of its secret figures (an empty object when none). */
function etablissementObjects(table: ExportTable): Record<string, unknown>[] {
  const fields = objects(table);
  return table.rows.map((row, r) => {
    const secret: Record<string, SecretReason> = {};
    for (const [c, v] of withColumns(table, row)) if (isSecret(v)) secret[c.key] = v.secret;
    return { ...fields[r], secret };
  });
}

export function statsDocument(stats: AcademieStats | NationalStats): StatsDocument {
  const national = !('academie' in stats);
  const lignes = objects({
    sheet: '',
    columns: [...SYNTHESE_COLUMNS],
    rows: stats.lines.map(syntheseRow),
  }).map(({ evolution_points, evolution_statut, ...rest }) => ({
    ...rest,
    evolution: { statut: evolution_statut, points: evolution_points },
  }));
  return StatsDocument.parse({
    schema: 'publibac/statistiques',
    version: 1,
    portee: national ? 'national' : 'academie',
    academies: national ? stats.academies : [stats.academie],
    session: stats.session,
    groupe: stats.groupe,
    session_precedente: stats.previousSession,
    ...(national ? {} : { seuil_secret: stats.secrecyThreshold }),
    lignes,
    etablissements: national ? [] : etablissementObjects(etablissementTable(stats)),
  });
}

/**
 * The schema as JSON Schema (draft 2020-12), published beside the data for consumers outside
 * TypeScript.
 */
export function statsJsonSchema(): string {
  return `${JSON.stringify(z.toJSONSchema(StatsDocument), null, 2)}\n`;
}

/** Two-space indentation and a final newline: readable, and byte-stable. */
export function toJson(stats: AcademieStats | NationalStats): string {
  return `${JSON.stringify(statsDocument(stats), null, 2)}\n`;
}

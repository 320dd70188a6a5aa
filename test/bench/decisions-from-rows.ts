// Benchmarks need Decision objects by the tens of thousands without timing
// the ingest: a direct mapping of generated rows (valid by construction).
import type { Decision } from '../../shared/domain/decision.schema.js';
import { generateFirstGroup } from '../../shared/generate/decisions.generator.js';

export function generatedDecisions(academie: string, candidates: number, session = '2024-06'): Decision[] {
  const out: Decision[] = [];
  for (const r of generateFirstGroup({ academie, session, candidates, seed: 1 })) {
    const [d, m, y] = r.date_naissance.split('/');
    out.push({
      session: r.session,
      academie: r.academie,
      numero: r.numero_candidat,
      nom: r.nom,
      prenoms: r.prenoms,
      dateNaissance: `${y}-${m}-${d}`,
      uai: r.uai,
      departement: r.departement,
      examen: r.examen as Decision['examen'],
      serie: r.serie || null,
      groupe: 1,
      decision: r.decision as Decision['decision'],
      mention: (r.mention || null) as Decision['mention'],
      moyenne: r.moyenne ? Number(r.moyenne.replace(',', '.')) : null,
      accordPublication: r.accord_publication === 'O',
      jury: r.jury,
      deliberation: new Date(r.deliberation).toISOString(),
    });
  }
  return out;
}

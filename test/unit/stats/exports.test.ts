import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { academieStatistics } from '../../../shared/stats/statistics.js';
import {
  nationalStatisticsFiles,
  statisticsFiles,
  type StatFile,
} from '../../../shared/stats/stats-files.js';
import { StatsDocument } from '../../../shared/stats/json-export.js';
import { syntheticDecisions } from '../../fixtures/stats/synthetic.js';
import { tableRows } from './html-tables.js';

const decisions = syntheticDecisions('corse', '2024-06', 200, 5);
const [uaiA, uaiB] = [...new Set(decisions.map((d) => d.uai))].sort();
const names = new Map([
  [uaiA!, '=HYPERLINK("http://evil.example","Lycée")'],
  [uaiB!, '<script>alert(1)</script> Lycée'],
]);
let files: StatFile[];
const body = (suffix: string) => files.find((f) => f.path.endsWith(suffix))!.body;
const text = (suffix: string) => {
  const b = body(suffix);
  return typeof b === 'string' ? b : new TextDecoder().decode(b);
};

beforeAll(async () => {
  files = await statisticsFiles({
    academie: 'corse',
    session: '2024-06',
    groupe: 1,
    decisions,
    etablissements: names,
  });
});

describe('hostile établissement names', () => {
  it('are neutralised in the CSV', () => {
    const csv = text('etablissements.csv');
    expect(csv).toContain(`;"'=HYPERLINK(""http://evil.example"",""Lycée"")";`);
    expect(csv).not.toMatch(/;=HYPERLINK/);
  });

  it('are plain text cells in the XLSX, never formulas', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(body('.xlsx') as Uint8Array) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Établissements')!;
    const values = [2, 3].map((r) => ws.getRow(r).getCell(3).value);
    expect(values).toContain('\'=HYPERLINK("http://evil.example","Lycée")');
    expect(values.every((v) => typeof v === 'string')).toBe(true);
  });

  it('are escaped on the page', () => {
    const html = text('index.html');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Lycée');
    expect(html).not.toContain('<script>alert');
  });

  it('stay as given in the JSON (not a spreadsheet format)', () => {
    const doc = StatsDocument.parse(JSON.parse(text('groupe.json')));
    expect(doc.etablissements.map((e) => e.libelle_uai)).toContain(
      '=HYPERLINK("http://evil.example","Lycée")',
    );
    expect(doc.groupe).toBe(1);
  });
});

describe('the JSON schema download', () => {
  it('describes the versioned format as JSON Schema', () => {
    const schema = JSON.parse(text('schema-statistiques-v1.json'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.schema.const).toBe('publibac/statistiques');
    expect(schema.properties.version.const).toBe(1);
    expect(Object.keys(schema.properties.lignes.items.properties)).toContain('taux_reussite');
  });
});

describe('the statistics page', () => {
  it('gives every table a caption and header scopes, and every chart a text alternative', () => {
    const html = text('index.html');
    const tables = html.split('<table>').slice(1);
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) {
      expect(t).toMatch(/^\s*<caption>[^<]+<\/caption>/);
      expect(t).toContain('<th scope="col">');
      expect(t).toContain('<th scope="row">');
    }
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    for (const svg of svgs) {
      expect(svg).toMatch(/role="img" aria-labelledby="([\w-]+)-titre \1-desc"/);
      expect(svg).toMatch(/<desc id="[\w-]+-desc">[^<]*\d[^<]*<\/desc>/);
      expect(svg).not.toMatch(/style=|<script/);
    }
    expect(html).not.toMatch(/ style=/);
  });

  it('lays its tables and downloads out in DSFR, each download with its format and size', () => {
    const html = text('index.html');
    expect(html).toContain('<div class="fr-table fr-table--bordered">');
    const xlsx = /<a class="fr-link fr-link--download" href="[^"]+\.xlsx" download>(.*?)<\/a>/;
    expect(xlsx.exec(html)?.[1]).toMatch(
      /^Classeur Excel[^<]*<span class="fr-link__detail">XLSX – \d+ ko<\/span>$/,
    );
    expect(html).toContain('<a class="fr-breadcrumb__link" href="../index.html">');
  });

  it(
    'says the figures are provisional after the first group and have nothing to compare ' + 'with',
    () => {
      const html = text('index.html');
      expect(html).toContain('à l’issue du 1er groupe d’épreuves');
      expect(html).toContain('aucune donnée de la session précédente');
      expect(
        tableRows(html, 'Taux de réussite par département, toutes voies confondues').map(
          (r) => r[0],
        ),
      ).toEqual(['Corse-du-Sud', 'Haute-Corse']);
    },
  );
});

describe('national statistics files', () => {
  it('sum the académies given, under the host académie’s release', async () => {
    const a = academieStatistics({ academie: 'corse', session: '2024-06', groupe: 1, decisions });
    const b = academieStatistics({
      academie: 'guyane',
      session: '2024-06',
      groupe: 1,
      decisions: syntheticDecisions('guyane', '2024-06', 100, 6),
    });
    const national = await nationalStatisticsFiles({
      host: 'corse',
      academies: [b, a],
      stylesheet: 'corse/assets/site.1.css',
    });
    expect(national.map((f) => f.path)).toEqual([
      'corse/statistiques/national/index.html',
      'corse/statistiques/national/national-2024-06-1er-groupe-synthese.csv',
      'corse/statistiques/national/national-2024-06-1er-groupe.xlsx',
      'corse/statistiques/national/national-2024-06-1er-groupe.json',
      'corse/statistiques/national/schema-statistiques-v1.json',
    ]);
    const html = national[0]!.body as string;
    expect(html).toContain('href="../../assets/site.1.css"');
    expect(
      tableRows(html, 'Taux de réussite par académie, toutes voies confondues').map((r) => r[0]),
    ).toEqual(['Corse', 'Guyane']);
    const doc = StatsDocument.parse(JSON.parse(national[3]!.body as string));
    const presents = (slug: string) =>
      doc.lignes.find((l) => l.niveau === 'academie' && l.code === slug)!.presents;
    expect(presents('france')).toBe(presents('corse') + presents('guyane'));
    expect([doc.portee, doc.academies]).toEqual(['national', ['corse', 'guyane']]);
  });
});

import { describe, expect, it } from 'vitest';
import { ACADEMIES } from '../../../shared/domain/reference/academies.js';
import { homeAcademies, homePage, type HomeGroup } from '../../../shared/render/home-page.js';

const assets = {
  stylesheet: '/assets/site.0123abcd.css',
  countdownScript: '/assets/countdown.89abcdef.js',
};
const g1 = new Date('2024-07-04T08:00:00Z');
const g2 = new Date('2024-07-08T16:00:00Z');
const page = (groups: Record<string, HomeGroup[]>) =>
  homePage('2024-06', homeAcademies(new Map(Object.entries(groups))), assets);
/** The <li> of one académie. */
const item = (html: string, name: string) => {
  const at = html.indexOf(`${name}</`);
  return html.slice(html.lastIndexOf('<li>', at), html.indexOf('</li>', at));
};

describe('homePage', () => {
  it('lists every académie of the reference, in its order, as a French page', () => {
    const html = page({});
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>Accueil — Résultats du baccalauréat 2024</title>');
    let last = -1;
    for (const a of ACADEMIES) {
      const at = html.indexOf(`<h3>Académie ${a.name.match(/^[AEIOUÉ]/) ? 'd’' : 'de '}`);
      expect(at, a.slug).toBeGreaterThan(-1);
      const position = html.indexOf(a.name);
      expect(position, a.slug).toBeGreaterThan(last);
      last = position;
    }
    expect(html.match(/Date non annoncée/g)).toHaveLength(ACADEMIES.length);
    expect(html).toContain('<link rel="stylesheet" href="/assets/site.0123abcd.css">');
    expect(html).toContain('<script type="module" src="/assets/countdown.89abcdef.js">');
  });

  it('announces both groups with "à partir du" text the countdown turns into "disponibles"', () => {
    const html = page({
      'aix-marseille': [
        { groupe: 2, instant: g2, state: 'announced' },
        { groupe: 1, instant: g1, state: 'announced' },
      ],
    });
    const aix = item(html, 'Académie d’Aix-Marseille');
    expect(aix).toContain('<a href="/aix-marseille/">Académie d’Aix-Marseille</a>');
    expect(aix).toContain(
      '<p class="fr-badge fr-badge--sm fr-badge--info" data-instant="2024-07-04T08:00:00.000Z" ' +
        'data-ouvert="Résultats disponibles" ' +
        'data-ouvert-classe="fr-badge fr-badge--sm fr-badge--success">' +
        'Résultats à partir du jeudi 4 juillet 2024 à 10 h 00</p>',
    );
    expect(aix).toContain(
      'Premier groupe : résultats à partir du jeudi 4 juillet 2024 à 10 h 00 (heure locale)',
    );
    expect(aix).toContain(
      'Second groupe : résultats à partir du lundi 8 juillet 2024 à 18 h 00 (heure locale)',
    );
    expect(aix.indexOf('Premier groupe')).toBeLessThan(aix.indexOf('Second groupe'));
    expect(aix).not.toContain('Date non annoncée');
  });

  it('says open, missed and unannounced académies apart, in each one’s own time zone', () => {
    const html = page({
      lyon: [{ groupe: 1, instant: g1, state: 'open' }],
      nice: [{ groupe: 1, instant: g1, state: 'missed' }],
      'la-reunion': [{ groupe: 1, instant: new Date('2024-07-04T06:00:00Z'), state: 'announced' }],
    });
    const lyon = item(html, 'Académie de Lyon');
    expect(lyon).toContain('fr-badge--success">Résultats disponibles</p>');
    expect(lyon).toContain('Premier groupe : résultats disponibles depuis le jeudi 4 juillet 2024');
    expect(lyon).not.toContain('data-instant');
    const nice = item(html, 'Académie de Nice');
    expect(nice).toContain('Publication reportée');
    expect(nice).not.toContain('href=');
    expect(item(html, 'Académie de La Réunion')).toContain('jeudi 4 juillet 2024 à 10 h 00');
    expect(item(html, 'Académie de Paris')).toContain('Date non annoncée');
    expect(item(html, 'Académie de Paris')).not.toContain('href=');
  });

  it('never carries a result, a form or a release path', () => {
    const html = page({ lyon: [{ groupe: 1, instant: g1, state: 'open' }] });
    expect(html).not.toMatch(/<form|<input|resultats\/|listes\/|releases\/|Admis/);
  });
});

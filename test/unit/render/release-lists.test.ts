import { describe, expect, it } from 'vitest';
import { renderRelease, type RenderInput } from '../../../shared/render/release.js';
import { decision as d, fakeRoot, releaseParams } from './fixtures.js';

const input = (over: Partial<RenderInput> = {}): RenderInput => ({
  academie: 'aix-marseille',
  session: '2024-06',
  groupe: 1,
  decisions: [
    d({ numero: '01', nom: 'MARTIN', mention: 'B', moyenne: 15 }),
    d({ numero: '02', nom: 'ROUX', uai: '0130002B' }),
  ],
  lookup: { params: releaseParams(), root: fakeRoot },
  ...over,
});
const text = (files: { path: string; body: Uint8Array }[], path: string) =>
  new TextDecoder().decode(files.find((f) => f.path === path)?.body);

describe('renderRelease with lists: false (the name lists have expired)', () => {
  it(
    'renders no list and a landing page that links none and says so; every other file is ' +
      'byte-identical',
    async () => {
      const withLists = await renderRelease(input());
      const without = await renderRelease(input({ lists: false }));
      // The index and one list per établissement, and the filter script they load.
      const listFiles = (r: typeof withLists) =>
        r.files.filter((f) => /\/listes\/|\/assets\/filtre\./.test(f.path)).map((f) => f.path);
      expect(listFiles(withLists)).toEqual([
        expect.stringMatching(/^aix-marseille\/assets\/filtre\.[0-9a-f]{8}\.js$/),
        'aix-marseille/listes/0130001A.html',
        'aix-marseille/listes/0130002B.html',
        'aix-marseille/listes/index.html',
      ]);
      expect(listFiles(without)).toEqual([]);
      const landing = text(without.files, 'aix-marseille/index.html');
      expect(landing).not.toContain('listes/');
      expect(landing).toContain('Les listes des candidats admis ne sont plus publiées');
      expect(landing).not.toContain('MARTIN');

      const others = (r: typeof without) =>
        r.files
          .filter(
            (f) =>
              !f.path.includes('/listes/') &&
              !f.path.includes('/assets/filtre.') &&
              f.path !== 'aix-marseille/index.html' &&
              f.path !== 'manifest.json',
          )
          .map((f) => [f.path, f.sha256]);
      expect(others(without)).toEqual(others(withLists));
      expect(without.id).not.toBe(withLists.id);
      // The default is to publish the lists.
      expect((await renderRelease(input({ lists: true }))).id).toBe(withLists.id);
    },
  );
});

// Dependencies point down: the rules below hold for every import (type-only
// and dynamic ones included) of the repository's TypeScript. A path written
// as a string (a handler's entry in infra/) is no import and is not checked.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(folder, f));
}

/** Each relative import of `file`, as a path from the repository root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)));
}

/** `from → to` for every import of a file under `from` that lands under one of `forbidden`. */
function violations(from: string, forbidden: string[], allowed = (_to: string) => false) {
  return sources(from).flatMap((file) =>
    importsOf(file)
      .filter((to) => forbidden.some((f) => to.startsWith(f)) && !allowed(to))
      .map((to) => `${file} → ${to}`),
  );
}

describe('dependency directions', () => {
  it('keeps infra/ off the functions: it names their entries as paths, imports none', () => {
    expect(violations('infra', ['functions/'])).toEqual([]);
  });

  it('keeps adapters to ports, domain and the formats below them: nothing of the renderer', () => {
    expect(violations('shared/adapters', ['shared/render/'])).toEqual([]);
  });

  it(
    'lets the renderer use statistics, never the reverse (what both need is in ' + 'shared/site)',
    () => {
      expect(violations('shared/stats', ['shared/render/'])).toEqual([]);
    },
  );

  it('keeps shared/ (domain, use cases, adapters) free of handlers and infrastructure', () => {
    expect(violations('shared', ['functions/', 'infra/'])).toEqual([]);
  });

  it(
    "keeps each handler out of another's folder: what they share sits in functions/ " + 'itself',
    () => {
      const folders = readdirSync(join(ROOT, 'functions'), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `functions/${d.name}/`);
      for (const own of folders) {
        const others = folders.filter((f) => f !== own);
        expect(violations(own, others), own).toEqual([]);
      }
    },
  );
});

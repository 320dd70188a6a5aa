// The handlers and the CLI commands reach the publication use cases through
// the officer's checks (shared/publication/officer-actions.usecase.ts) only:
// a direct call would skip the académie check. The use cases themselves stay
// callable by the system (scheduler, takedowns) and by tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const UNCHECKED = [
  'renderAcademie',
  'renderRehearsal',
  'rehearse',
  'mintRehearsalLink',
  'rotateRehearsalKey',
  'schedulePublication',
  'publishNow',
  'publicationStatus',
  'flagCandidate',
  'releaseCandidate',
  'exportAccessCodes',
  'reissueAccessCode',
  'scheduleOrRequest',
  'requestPublishNow',
  'approveRequest',
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('entry points', () => {
  it('handlers and commands call the use cases as an officer, never around the checks', () => {
    const offending: string[] = [];
    for (const file of [...files(join(ROOT, 'functions')), ...files(join(ROOT, 'shared/cli'))]) {
      const text = readFileSync(file, 'utf8');
      const imported = [
        ...text.matchAll(/^import\s+(?!type\b)\{([^}]*)\}\s+from\s+'[^']*publication\/[^']+'/gm),
      ].flatMap((m) => m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '')));
      for (const name of imported)
        if (UNCHECKED.includes(name)) offending.push(`${relative(ROOT, file)}: ${name}`);
      if (/\.audit\.entries\(|\.fraud\.list\(/.test(text))
        offending.push(
          `${relative(ROOT, file)}: reads the audit log or the fraud procedures directly`,
        );
    }
    expect(offending).toEqual([]);
  });
});

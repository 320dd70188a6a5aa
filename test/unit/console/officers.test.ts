// The local sign-in's accounts: scrypt hashes only, roles spelt like the
// Cognito groups, demo officers created once with passwords shown once.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  loadOfficers,
  OfficersFileError,
  parseOfficers,
  verifyPassword,
} from '../../../shared/console/officers.js';

describe('passwords', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const hash = await hashPassword('été 2024 !');
    expect(hash).toMatch(/^scrypt\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('été');
    expect(await verifyPassword('été 2024 !', hash)).toBe(true);
    // The same text, decomposed (as some keyboards send it), is the same password.
    expect(await verifyPassword('e\u0301te\u0301 2024 !', hash)).toBe(true);
    expect(await verifyPassword('ete 2024 !', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });
});

describe('accounts', () => {
  it('reads accounts; refuses an unknown role or a clear password, naming the source', async () => {
    const passwordHash = await hashPassword('secret');
    expect(() =>
      parseOfficers(
        JSON.stringify({ officers: [{ username: 'A', roles: ['lyon:fraud'], passwordHash }] }),
        'env',
      ),
    ).toThrow(/^env: officers.0.username/);
    const ok = parseOfficers(
      JSON.stringify([{ username: 'agent.1', roles: ['lyon:fraud', 'audit'], passwordHash }]),
      'env',
    );
    expect(ok[0]!.roles).toEqual(['lyon:fraud', 'audit']);
    expect(() =>
      parseOfficers(
        JSON.stringify([{ username: 'agent', roles: ['atlantide:publication'], passwordHash }]),
        'officers.json',
      ),
    ).toThrow(/officers.json: officers.0.roles.0: not a role: "atlantide:publication"/);
    expect(() =>
      parseOfficers(
        JSON.stringify([{ username: 'agent', roles: ['lyon:fraud'], passwordHash: 'secret' }]),
        'officers.json',
      ),
    ).toThrow(OfficersFileError);
  });

  it('creates the demo officers once, owner-only, with only their hashes on disk', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'officers-')), 'officers.json');
    const first = await loadOfficers({ file, academie: 'aix-marseille', env: {} });
    expect(first.created.map((c) => [c.username, c.roles])).toEqual([
      ['officier-a', ['aix-marseille:publication']],
      ['officier-b', ['aix-marseille:publication']],
      ['officier-fraude', ['aix-marseille:fraud']],
    ]);
    const text = await readFile(file, 'utf8');
    for (const c of first.created) expect(text).not.toContain(c.password);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = await loadOfficers({ file, academie: 'aix-marseille', env: {} });
    expect(again.created).toEqual([]);
    const [a] = first.created;
    expect((await again.directory.signIn('officier-a', a!.password))?.username).toBe('officier-a');
    expect(await again.directory.signIn('officier-a', 'wrong')).toBeNull();
    expect(await again.directory.signIn('nobody', a!.password)).toBeNull();
  });
});

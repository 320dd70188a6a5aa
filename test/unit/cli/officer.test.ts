import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config.js';
import { cliOfficer } from '../../../shared/cli/officer.js';

describe('cliOfficer', () => {
  it('acts as PUBLIBAC_ACTOR with the roles of PUBLIBAC_ROLES', () => {
    expect(
      cliOfficer({
        PUBLIBAC_ACTOR: 'alice',
        PUBLIBAC_ROLES: 'aix-marseille:publication, aix-marseille:fraud,audit',
      }),
    ).toEqual({
      actor: 'alice',
      roles: ['aix-marseille:publication', 'aix-marseille:fraud', 'audit'],
    });
  });

  it(
    'refuses without PUBLIBAC_ROLES, naming the variable and an example: no roles is not every ' +
      'role',
    () => {
      for (const env of [
        { PUBLIBAC_ACTOR: 'alice' },
        { PUBLIBAC_ACTOR: 'alice', PUBLIBAC_ROLES: ' ' },
      ]) {
        expect(() => cliOfficer(env)).toThrow(ConfigError);
        expect(() => cliOfficer(env)).toThrow(/PUBLIBAC_ROLES is unset/);
        expect(() => cliOfficer(env)).toThrow(
          'e.g. PUBLIBAC_ROLES=aix-marseille:publication,aix-marseille:fraud',
        );
      }
    },
  );

  it('refuses a name that is no role (the former global groups, an unknown académie)', () => {
    expect(() =>
      cliOfficer({ PUBLIBAC_ROLES: 'publication-officers,atlantis:fraud,amiens:fraud' }),
    ).toThrow('PUBLIBAC_ROLES names no role: "publication-officers", "atlantis:fraud"');
  });
});

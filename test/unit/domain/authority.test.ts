import { describe, expect, it } from 'vitest';
import {
  academiesFor,
  allRoles,
  authorize,
  AUDIT_ROLE,
  EVERY_ACADEMIE,
  ForbiddenError,
  may,
  officerFromGroups,
  parseRole,
  rolesAllowing,
  type Action,
  type Officer,
} from '../../../shared/domain/authority.js';
import { ACADEMIES } from '../../../shared/domain/reference/academies.js';

const alice: Officer = { actor: 'alice', roles: ['aix-marseille:publication'] };
const fred: Officer = { actor: 'fred', roles: ['aix-marseille:fraud'] };
const ada: Officer = { actor: 'ada', roles: [AUDIT_ROLE] };
const nobody: Officer = { actor: 'nobody', roles: [] };

const PUBLICATION: Action[] = ['render', 'rehearse', 'schedule', 'publish', 'approve', 'codes'];

describe('parseRole', () => {
  it('reads <slug>:publication, <slug>:fraud and audit, for known académies only', () => {
    expect(parseRole('aix-marseille:publication')).toBe('aix-marseille:publication');
    expect(parseRole(' nouvelle-caledonie:fraud ')).toBe('nouvelle-caledonie:fraud');
    expect(parseRole('audit')).toBe('audit');
    for (const bad of [
      'publication-officers',
      'fraud-officers',
      'atlantis:publication',
      'amiens:admin',
      'amiens',
      'AMIENS:publication',
      'amiens:publication:x',
      '*:publication',
      '',
    ]) {
      expect(parseRole(bad), bad).toBeNull();
    }
  });
});

describe('allRoles', () => {
  it('is two roles per académie and the national reader, all parseable', () => {
    const roles = allRoles();
    expect(roles).toHaveLength(ACADEMIES.length * 2 + 1);
    expect(new Set(roles).size).toBe(roles.length);
    for (const r of roles) expect(parseRole(r)).toBe(r);
  });
});

describe('officerFromGroups', () => {
  it('keeps the groups that are roles; the former global groups grant nothing', () => {
    expect(officerFromGroups('olga', ['publication-officers', 'fraud-officers'])).toEqual({
      actor: 'olga',
      roles: [],
    });
    expect(
      officerFromGroups('alice', [
        'amiens:publication',
        'us-east-1_x_Google',
        'amiens:publication',
        'audit',
      ]),
    ).toEqual({ actor: 'alice', roles: ['amiens:publication', 'audit'] });
  });
});

describe('may', () => {
  it('lets a publication officer act on their own académie only', () => {
    for (const action of PUBLICATION) {
      expect(may(alice, action, 'aix-marseille'), action).toBe(true);
      expect(may(alice, action, 'amiens'), action).toBe(false);
    }
    expect(may(alice, 'withhold', 'aix-marseille')).toBe(false);
    expect(may(alice, 'read-fraud', 'aix-marseille')).toBe(false);
    expect(may(alice, 'read', 'aix-marseille')).toBe(true);
    expect(may(alice, 'read', 'amiens')).toBe(false);
  });

  it('lets a fraud officer withhold and read on their own académie, and publish nothing', () => {
    expect(may(fred, 'withhold', 'aix-marseille')).toBe(true);
    expect(may(fred, 'read-fraud', 'aix-marseille')).toBe(true);
    expect(may(fred, 'read', 'aix-marseille')).toBe(true);
    expect(may(fred, 'withhold', 'amiens')).toBe(false);
    for (const action of PUBLICATION)
      expect(may(fred, action, 'aix-marseille'), action).toBe(false);
  });

  it('lets the audit reader read every académie, fraud included, and do nothing', () => {
    for (const { slug } of ACADEMIES) {
      expect(may(ada, 'read', slug)).toBe(true);
      expect(may(ada, 'read-fraud', slug)).toBe(true);
      for (const action of [...PUBLICATION, 'withhold', 'rotate-rehearsal-key'] as const)
        expect(may(ada, action, slug), action).toBe(false);
    }
  });

  it(
    "lets any publication officer rotate the rehearsal key (it revokes every académie's " +
      'links), and no one else',
    () => {
      expect(may(alice, 'rotate-rehearsal-key', EVERY_ACADEMIE)).toBe(true);
      expect(may(fred, 'rotate-rehearsal-key', EVERY_ACADEMIE)).toBe(false);
      expect(may(ada, 'rotate-rehearsal-key', EVERY_ACADEMIE)).toBe(false);
    },
  );

  it('gives nothing to an officer without roles', () => {
    expect(may(nobody, 'read', 'amiens')).toBe(false);
    expect(academiesFor(nobody, 'read')).toEqual([]);
  });
});

describe('authorize', () => {
  it('refuses with a ForbiddenError naming the académie and the role required', () => {
    let error: unknown;
    try {
      authorize(alice, 'publish', 'amiens');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({
      name: 'ForbiddenError',
      academie: 'amiens',
      required: ['amiens:publication'],
      message: 'alice may not publish results for amiens: requires the role amiens:publication',
    });
    expect(() => {
      authorize(fred, 'read', 'amiens');
    }).toThrow('requires the role amiens:publication or amiens:fraud or audit');
    expect(() => {
      authorize(fred, 'rotate-rehearsal-key', EVERY_ACADEMIE);
    }).toThrow(/for any académie: requires the role <académie>:publication/);
    expect(() => {
      authorize(alice, 'publish', 'aix-marseille');
    }).not.toThrow();
  });
});

describe('rolesAllowing and academiesFor', () => {
  it('say which roles allow an action, and where an officer may do it', () => {
    expect(rolesAllowing('withhold', 'lyon')).toEqual(['lyon:fraud']);
    expect(rolesAllowing('read-fraud', 'lyon')).toEqual(['lyon:fraud', 'audit']);
    expect(academiesFor({ actor: 'x', roles: ['lyon:publication', 'nice:fraud'] }, 'read')).toEqual(
      ['lyon', 'nice'],
    );
    expect(
      academiesFor({ actor: 'x', roles: ['lyon:publication', 'nice:fraud'] }, 'publish'),
    ).toEqual(['lyon']);
    expect(academiesFor(ada, 'read')).toHaveLength(ACADEMIES.length);
  });
});

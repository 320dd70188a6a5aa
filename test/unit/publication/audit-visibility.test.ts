import { describe, expect, it } from 'vitest';
import type { Officer } from '../../../shared/domain/authority.js';
import type { AuditEntry } from '../../../shared/ports/audit-log.port.js';
import {
  REDACTED_FRAUD_DETAIL,
  visibleAudit,
} from '../../../shared/publication/officer-actions.usecase.js';

const entry = (
  academie: string,
  action: AuditEntry['action'],
  actor: string,
  detail: string,
): AuditEntry => ({
  at: '2024-07-04T08:00:00.000Z',
  actor,
  action,
  academie,
  session: '2024-06',
  groupe: null,
  releaseId: null,
  detail,
});
const ENTRIES = [
  entry('aix-marseille', 'publish', 'alice', 'published now'),
  entry('aix-marseille', 'fraud-flag', 'fred', 'candidate 13000001 withheld (PV PV-7)'),
  entry('aix-marseille', 'fraud-release', 'fred', 'candidate 13000001 released, online now'),
  entry('amiens', 'fraud-flag', 'fanny', 'candidate 80000001 withheld'),
  entry(
    'amiens',
    'refused',
    'alice',
    'alice may not publish results for amiens: requires the role amiens:publication',
  ),
  entry('*', 'rehearsal-key-rotation', 'nadia', 'rehearsal signing key replaced'),
];
const details = (by: Officer) =>
  visibleAudit(by, ENTRIES).map((e) => `${e.academie}:${e.action}:${e.detail}`);

describe('visibleAudit', () => {
  it(
    'shows a publication officer their académie with fraud details redacted, their own ' +
      'attempts elsewhere, and the rotations',
    () => {
      expect(details({ actor: 'alice', roles: ['aix-marseille:publication'] })).toEqual([
        'aix-marseille:publish:published now',
        `aix-marseille:fraud-flag:${REDACTED_FRAUD_DETAIL}`,
        `aix-marseille:fraud-release:${REDACTED_FRAUD_DETAIL}`,
        'amiens:refused:alice may not publish results for amiens: requires the role ' +
          'amiens:publication',
        '*:rehearsal-key-rotation:rehearsal signing key replaced',
      ]);
    },
  );

  it("shows a fraud officer their académie's fraud details, not another's", () => {
    expect(details({ actor: 'fred', roles: ['aix-marseille:fraud'] })).toEqual([
      'aix-marseille:publish:published now',
      'aix-marseille:fraud-flag:candidate 13000001 withheld (PV PV-7)',
      'aix-marseille:fraud-release:candidate 13000001 released, online now',
      '*:rehearsal-key-rotation:rehearsal signing key replaced',
    ]);
  });

  it(
    'shows the audit reader everything, ' + 'and an officer without roles nothing but their own',
    () => {
      expect(visibleAudit({ actor: 'ada', roles: ['audit'] }, ENTRIES)).toEqual(ENTRIES);
      expect(visibleAudit({ actor: 'nadia', roles: [] }, ENTRIES)).toEqual([]);
    },
  );
});

// Each candidate's access code: derived, never stored. An HMAC of the
// candidate number under the académie's secret for the session, spelt as
// access-code.ts says, so the same code comes out every time it is asked
// for (a candidate who lost theirs gets it again) and nothing but the
// secret needs protecting.
import { createHmac, randomBytes } from 'node:crypto';
import type { LookupKeyStore } from '../ports/lookup-keys.port.js';
import { codeFromBytes, formatCode } from '../render/lookup/access-code.js';

const LABEL = 'publibac/access-code/v1|';

/** The 13 data symbols of a candidate's code: what the key derivation takes. */
export function accessCodeData(secret: string, numero: string): string {
  return codeFromBytes(
    createHmac('sha256', Buffer.from(secret, 'base64'))
      .update(LABEL + numero)
      .digest(),
  );
}

/** The code as printed: "7KQ2-M9XD-4TPA-RA". */
export function accessCode(secret: string, numero: string): string {
  return formatCode(accessCodeData(secret, numero));
}

/**
 * The académie's code secret for the session, made (32 random bytes) by the first caller who needs
 * it.
 */
export async function sessionCodeSecret(
  keys: LookupKeyStore,
  session: string,
  academie: string,
): Promise<string> {
  return (
    (await keys.codeSecret(session, academie)) ??
    (await keys.createCodeSecret(session, academie, randomBytes(32).toString('base64')))
  );
}

import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { z } from 'zod';
import { ForbiddenError } from '../shared/domain/authority.js';
import { PublicationError } from '../shared/publication/publication.deps.js';

/**
 * How the admin API asks another function to act for an officer: the
 * functions allowed to write pointers and rewrite live releases (publish,
 * fraud) are not the internet-facing one. The officer travels with the
 * request as the token named them, and the called function's use cases
 * check the roles again. Refusals come back as values, for the API to
 * answer 403 (no role) or 409 (the use case's refusal); anything else is a
 * function error.
 */
export const OfficerFields = {
  actor: z.string().min(1).max(128),
  roles: z.array(z.string().max(64)).max(100),
};

export type OfficerResult =
  { ok: true; result: unknown } | { ok: false; error: string; forbidden?: true };

const Answer = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string(), forbidden: z.literal(true).optional() }),
]) satisfies z.ZodType<OfficerResult>;

/** Runs one officer action in the called function, turning refusals into answers. */
export async function answer(
  action: () => Promise<unknown>,
  onRefusal: (err: Error, forbidden: boolean) => void,
): Promise<OfficerResult> {
  try {
    return { ok: true, result: await action() };
  } catch (err) {
    if (err instanceof ForbiddenError) {
      onRefusal(err, true);
      return { ok: false, error: err.message, forbidden: true };
    }
    if (!(err instanceof PublicationError)) throw err;
    onRefusal(err, false);
    return { ok: false, error: err.message };
  }
}

/**
 * The admin API's side: invokes and waits; a refusal is thrown again as the typed error the API
 * maps.
 */
export async function callOfficerFunction(
  lambda: LambdaClient,
  functionName: string,
  event: { academie?: string } & Record<string, unknown>,
): Promise<unknown> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  if (out.FunctionError) throw new Error(`${functionName} failed: ${out.FunctionError}`);
  const result = Answer.parse(JSON.parse(new TextDecoder().decode(out.Payload)));
  if (!result.ok)
    throw result.forbidden
      ? new ForbiddenError(result.error, event.academie ?? '*', [])
      : new PublicationError(result.error);
  return result.result;
}

import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { z } from 'zod';
import { AcademieSlug, Groupe, Session } from '../shared/domain/vocabulary.js';
import { OfficerFields } from './officer-call.js';

/**
 * What the render function is invoked with: one académie (the admin API
 * fans out one of these per académie). The officer who asked (the audit
 * actor) and their roles travel with it, as the admin API read them from
 * the token: the render function's use case checks them again.
 */
export const RenderEventSchema = z.object({
  academie: AcademieSlug,
  session: Session,
  groupe: Groupe,
  kind: z.enum(['release', 'rehearsal']).default('release'),
  ...OfficerFields,
});
export type RenderEvent = z.input<typeof RenderEventSchema>;

/**
 * Many académies at once (30 on results day): one asynchronous invocation
 * of the render function per académie, so each renders in its own Lambda,
 * in parallel, with its own time limit and Lambda's retries, instead of 30
 * renders queued inside one request.
 */
export async function fanOutRender(
  lambda: LambdaClient,
  functionName: string,
  requests: readonly RenderEvent[],
): Promise<{ queued: string[] }> {
  const queued: string[] = [];
  for (const request of requests) {
    const payload = RenderEventSchema.parse(request);
    await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(payload)),
      }),
    );
    queued.push(payload.academie);
  }
  return { queued };
}

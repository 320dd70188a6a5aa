import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { RenderEventSchema, type RenderEvent } from './render-request.js';

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

let shared: LambdaClient | undefined;

export function lambdaClient(): LambdaClient {
  shared ??= new LambdaClient({});
  return shared;
}

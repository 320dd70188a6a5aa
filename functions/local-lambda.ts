// The local stack's Lambda service: Lambda has no emulator, so on the local
// stack the functions the admin API invokes (publish, fraud, render) run in
// this process, through the deployed handlers' raw functions, over the local
// stack's adapters. The admin API's routes keep calling them through a real
// LambdaClient; one middleware at the start of its stack answers the Invoke
// instead of sending it, exactly as Lambda would (RequestResponse: the
// function's answer; Event: 202 at once, the function running after).
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import { z } from 'zod';
import type { PublicationDeps } from '../shared/publication/publication.deps.js';
import { fraud, FraudEventSchema } from './fraud/handler.js';
import { logError } from './log.js';
import { parseEvent } from './parse-event.js';
import { PublishEventSchema, runPublishEvent } from './publish/handler.js';
import { RenderEventSchema } from './render-call.js';
import { renderOne } from './render/handler.js';

export const LOCAL_FUNCTION_NAMES = {
  render: 'publibac-local-render',
  fraud: 'publibac-local-fraud',
  publish: 'publibac-local-publish',
} as const;

const InvokeInput = z.object({
  FunctionName: z.string(),
  InvocationType: z.enum(['RequestResponse', 'Event']).default('RequestResponse'),
  Payload: z.instanceof(Uint8Array),
});

export interface LocalLambda {
  client: LambdaClient;
  /** Resolves once every asynchronous invocation started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
}

export function localLambda(deps: PublicationDeps): LocalLambda {
  const running = new Set<Promise<unknown>>();
  const run = (name: string, event: unknown): Promise<unknown> => {
    if (name === LOCAL_FUNCTION_NAMES.fraud)
      return fraud(parseEvent(FraudEventSchema, event), deps);
    if (name === LOCAL_FUNCTION_NAMES.publish)
      return runPublishEvent(parseEvent(PublishEventSchema, event), deps);
    if (name === LOCAL_FUNCTION_NAMES.render)
      return renderOne(parseEvent(RenderEventSchema, event), deps);
    return Promise.reject(new Error(`no local function ${name}`));
  };
  const invoke = async (args: { input: unknown }): Promise<Record<string, unknown>> => {
    const input = InvokeInput.parse(args.input);
    const event: unknown = JSON.parse(new TextDecoder().decode(input.Payload));
    if (input.InvocationType === 'Event') {
      // Lambda's asynchronous invocation: accepted now; a failure goes to the function's log.
      const work = run(input.FunctionName, event)
        .catch((err: unknown) => {
          logError('local function failed', err, { function: input.FunctionName });
        })
        .finally(() => running.delete(work));
      running.add(work);
      return { StatusCode: 202 };
    }
    const result = await run(input.FunctionName, event);
    return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(result)) };
  };
  // Credentials and region are never used (nothing is sent) but the client requires them.
  const client = new LambdaClient({
    region: 'eu-west-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  answerAtStart(client, invoke);
  return {
    client,
    idle: async () => {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}

/**
 * A middleware at the very start of the client's stack answers every command itself: nothing is
 * serialized, signed or sent. Its answer stands for the command's output (InvokeCommandOutput: a
 * status code and the payload's bytes), which the SDK's generic stack cannot type.
 */
function answerAtStart<I extends object, O extends object>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  answer: (args: { input: unknown }) => Promise<Record<string, unknown>>,
): void {
  const middleware: InitializeMiddleware<I, O> = () => async (args) => {
    const output = { $metadata: {}, ...(await answer(args)) } as unknown as O;
    return { output, response: {} };
  };
  client.middlewareStack.add(middleware, {
    step: 'initialize',
    priority: 'high',
    name: 'localLambda',
  });
}

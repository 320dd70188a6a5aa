import type { InitializeMiddleware, MiddlewareStack } from '@smithy/types';

export interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}

/**
 * Stubs a client at the SDK boundary: a middleware at the very start of
 * the stack records each command (name and input, as the adapter built it)
 * and answers from `respond` (or what it resolves to) without serializing,
 * signing or sending anything. Throwing from `respond` is a service error.
 */
export function stubClient<I extends object, O extends object>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  respond: (command: SentCommand) => unknown,
): SentCommand[] {
  const sent: SentCommand[] = [];
  const stub: InitializeMiddleware<I, O> = (_next, context) => async (args) => {
    const command = {
      name: context.commandName ?? 'unknown',
      input: structuredClone(args.input) as Record<string, unknown>,
    };
    sent.push(command);
    // What `respond` gives stands for the command's output: the test states its shape.
    const output = { $metadata: {}, ...((await respond(command)) as object) } as unknown as O;
    return { output, response: {} };
  };
  client.middlewareStack.add(stub, { step: 'initialize', priority: 'high', name: 'publibacStub' });
  return sent;
}

export const testClientConfig = {
  region: 'eu-west-3',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

import type { HandlerExecutionContext, MiddlewareStack } from '@smithy/types';

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
export function stubClient(
  client: { middlewareStack: MiddlewareStack<any, any> },
  respond: (command: SentCommand) => unknown,
): SentCommand[] {
  const sent: SentCommand[] = [];
  client.middlewareStack.add(
    (_next, context: HandlerExecutionContext) => async (args: { input: object }) => {
      const command = {
        name: String(context.commandName),
        input: structuredClone(args.input) as Record<string, unknown>,
      };
      sent.push(command);
      return { output: { $metadata: {}, ...((await respond(command)) as object) }, response: {} };
    },
    { step: 'initialize', priority: 'high', name: 'publibacStub' },
  );
  return sent;
}

export const testClientConfig = {
  region: 'eu-west-3',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

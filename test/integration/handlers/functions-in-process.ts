// Lambda has no emulator: the functions the admin API invokes run here, in
// process, on the test's stack and clock, through the real handlers' logic;
// renders are only recorded (queued work, asserted by the tests).
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { fraud, FraudEventSchema } from '../../../functions/fraud/handler.js';
import { parseEvent } from '../../../functions/parse-event.js';
import { PublishEventSchema, runPublishEvent } from '../../../functions/publish/handler.js';
import type { PublicationDeps } from '../../../shared/publication/publication.deps.js';
import { stubClient, type SentCommand } from '../../unit/aws/sdk-stub.js';

export const FUNCTION_NAMES = {
  render: 'publibac-test-render',
  fraud: 'publibac-test-fraud',
  publish: 'publibac-test-publish',
};
export const FUNCTION_ENV = {
  PUBLIBAC_RENDER_FUNCTION: FUNCTION_NAMES.render,
  PUBLIBAC_FRAUD_FUNCTION: FUNCTION_NAMES.fraud,
  PUBLIBAC_PUBLISH_FUNCTION: FUNCTION_NAMES.publish,
};

export function runFunctionsInProcess(
  lambda: LambdaClient,
  deps: () => PublicationDeps,
  names = FUNCTION_NAMES,
): SentCommand[] {
  return stubClient(lambda, async (command) => {
    const event: unknown = JSON.parse(
      new TextDecoder().decode(command.input.Payload as Uint8Array),
    );
    const reply = (result: unknown) => ({
      StatusCode: 200,
      Payload: new TextEncoder().encode(JSON.stringify(result)),
    });
    if (command.input.FunctionName === names.fraud)
      return reply(await fraud(parseEvent(FraudEventSchema, event), deps()));
    if (command.input.FunctionName === names.publish)
      return reply(await runPublishEvent(parseEvent(PublishEventSchema, event), deps()));
    return { StatusCode: 202 };
  });
}

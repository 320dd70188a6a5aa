// Review finding: with a variable missing, functions on AWS quietly picked a
// local stand-in (triggers in the control table, a no-op invalidator). Now
// each function fails on its first invocation naming what is missing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as adminApi } from '../../../functions/admin-api/handler.js';
import { FUNCTION_NEEDS } from '../../../functions/context.js';
import { logger } from '../../../functions/log.js';
import { handler as fraud } from '../../../functions/fraud/handler.js';
import { handler as ingest } from '../../../functions/ingest/handler.js';
import { handler as publish } from '../../../functions/publish/handler.js';
import { handler as render } from '../../../functions/render/handler.js';
import { compose } from '../../../shared/composition-root.js';
import { ConfigError, loadConfig } from '../../../shared/config.js';
import { EventBridgeArmScheduler } from '../../../shared/adapters/aws/eventbridge-scheduler.js';
import { CloudFrontInvalidator } from '../../../shared/adapters/aws/cloudfront-invalidator.js';
import { CloudFrontKeyValueStore } from '../../../shared/adapters/aws/cloudfront-kvs.js';
import { lambdaContext } from '../../integration/handlers/events.js';

/** Everything the CDK stacks set on the functions (infra/stateless.stack.ts). */
const AWS_ENV: Record<string, string> = {
  PUBLIBAC_MODE: 'aws',
  PUBLIBAC_DECISIONS_TABLE: 'decisions',
  PUBLIBAC_CONTROL_TABLE: 'control',
  PUBLIBAC_KEYS_TABLE: 'keys',
  PUBLIBAC_SITE_BUCKET: 'site',
  PUBLIBAC_INGEST_BUCKET: 'ingest',
  PUBLIBAC_EDGE_KVS_ARN: 'arn:aws:cloudfront::123456789012:key-value-store/abc',
  PUBLIBAC_DISTRIBUTION_ID: 'E123',
  PUBLIBAC_SCHEDULE_GROUP: 'arm',
  PUBLIBAC_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  PUBLIBAC_PUBLISH_FUNCTION_ARN: 'arn:aws:lambda:eu-west-3:123456789012:function:publish',
  PUBLIBAC_RENDER_FUNCTION: 'render',
  PUBLIBAC_FRAUD_FUNCTION: 'fraud',
  PUBLIBAC_PUBLISH_FUNCTION: 'publish',
};

const invoke: Record<keyof typeof FUNCTION_NEEDS, () => Promise<unknown>> = {
  ingest: () => ingest({ Records: [] }, lambdaContext('ingest')),
  render: () => render({} as never, lambdaContext('render')),
  // The publish function may stand for its own ARN: invoked without one here, so that the variable
  // is needed.
  publish: () => publish({} as never, { ...lambdaContext('publish'), invokedFunctionArn: '' }),
  fraud: () => fraud({} as never, lambdaContext('fraud')),
  adminApi: () =>
    adminApi({ routeKey: 'GET /status', requestContext: {} } as never, lambdaContext('admin')),
};

afterEach(() => vi.unstubAllEnvs());

function awsEnvWithout(name: string): void {
  for (const [k, value] of Object.entries(AWS_ENV)) vi.stubEnv(k, k === name ? undefined : value);
  vi.stubEnv('PUBLIBAC_EDGE_KVS_TABLE', 'a-local-table-that-must-not-be-used');
}

describe('functions in aws mode', () => {
  // Every variable each function needs, taken away one at a time.
  const cases = (Object.keys(FUNCTION_NEEDS) as (keyof typeof FUNCTION_NEEDS)[]).flatMap((fn) => {
    const config = loadConfig(FUNCTION_NEEDS[fn], AWS_ENV);
    return Object.keys(config.values).map((variable) => [fn, variable] as const);
  });

  it.each(cases)(
    '%s fails on its first invocation naming %s when it is missing, with no local fallback',
    async (fn, variable) => {
      awsEnvWithout(variable);
      const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
      const outcome = await invoke[fn]().then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error }),
      );
      if (fn === 'adminApi') {
        // The API answers a bare 500 and logs the error naming the variable; the body says nothing
        // of the configuration.
        expect(outcome).toMatchObject({
          answer: { statusCode: 500, body: '{"error":"internal"}' },
        });
        expect(JSON.stringify(logged.mock.calls)).toContain(
          `ConfigError: Configuration incomplete (PUBLIBAC_MODE=aws): ${variable} (`,
        );
        return;
      }
      expect('error' in outcome && outcome.error).toBeInstanceOf(ConfigError);
      expect((outcome as { error: Error }).error.message).toContain(`${variable} (`);
    },
  );

  it('names every missing variable at once, and refuses an unset or unknown mode', () => {
    const missing = [
      'PUBLIBAC_DECISIONS_TABLE',
      'PUBLIBAC_CONTROL_TABLE',
      'PUBLIBAC_KEYS_TABLE',
      'PUBLIBAC_SITE_BUCKET',
      'PUBLIBAC_EDGE_KVS_ARN',
      'PUBLIBAC_SCHEDULE_GROUP',
      'PUBLIBAC_DISTRIBUTION_ID',
    ];
    expect(() => loadConfig(FUNCTION_NEEDS.fraud, { PUBLIBAC_MODE: 'aws' })).toThrow(
      new RegExp(missing.join(' .*')),
    );
    expect(() => loadConfig(['decisions'], { PUBLIBAC_DECISIONS_TABLE: 'd' })).toThrow(
      /PUBLIBAC_MODE must be "aws" or "local" \(got nothing\)/,
    );
    expect(() =>
      loadConfig(['decisions'], { PUBLIBAC_MODE: 'prod', PUBLIBAC_DECISIONS_TABLE: 'd' }),
    ).toThrow(/got "prod"/);
    expect(() =>
      loadConfig(['pointers'], { PUBLIBAC_MODE: 'aws', PUBLIBAC_EDGE_KVS_ARN: 'my-kvs' }),
    ).toThrow(/PUBLIBAC_EDGE_KVS_ARN .* is not an ARN/);
  });

  it(
    'composes the AWS adapters from a complete configuration, and nothing the function was not ' +
      'given',
    () => {
      const { deps } = compose(loadConfig(FUNCTION_NEEDS.fraud, AWS_ENV));
      expect(deps.kvs).toBeInstanceOf(CloudFrontKeyValueStore);
      expect(deps.scheduler).toBeInstanceOf(EventBridgeArmScheduler);
      expect(deps.invalidator).toBeInstanceOf(CloudFrontInvalidator);
      const admin = compose(loadConfig(FUNCTION_NEEDS.adminApi, AWS_ENV)).deps;
      // The admin API is never wired to the lookup keys or the decisions.
      expect(() => admin.lookupKeys.params('2024-06', 'amiens')).toThrow(
        /the lookup keys is not available to this process \(capability "keys" not configured\)/,
      );
      expect(() => admin.decisions.currentDecisions('2024-06', 'amiens')).toThrow(ConfigError);
    },
  );
});

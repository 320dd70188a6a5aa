import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EdgeStack } from './edge.stack.js';
import { DEFAULT_REGION, stackName, stageConfig } from './stage-config.js';
import { StatefulStack } from './stateful.stack.js';
import { StatelessStack } from './stateless.stack.js';

/** The stacks of one stage, in dependency order: stateful → edge → stateless. */
export function buildApp(app: App, stage: unknown) {
  const config = stageConfig(stage);
  // Stacks reference each other's exports (KVS ARN, distribution id, tables): keep the producer
  // protected.
  app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
  // A region is needed at synth (the keys table's KMS replica settings are per region): the
  // profile's, else
  // Paris, where a French public service keeps its data.
  const env = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION,
  };
  const stateful = new StatefulStack(app, stackName(config, 'Stateful'), { config, env });
  const edge = new EdgeStack(app, stackName(config, 'Edge'), { config, env });
  const stateless = new StatelessStack(app, stackName(config, 'Stateless'), {
    config,
    env,
    stateful,
    edge,
  });
  // cdk-nag runs as a validation plugin: any finding not acknowledged (with its reason) fails the
  // synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { config, stateful, edge, stateless };
}

import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CDN_READABLE_KEYS, EdgeStack } from './edge.stack.js';
import { SiteReplicaAccessStack, SiteReplicaStack } from './site-replica.stack.js';
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
  // The site bucket's replica, in another region: first (S3 refuses replication to a bucket that
  // does not exist), then its policy naming the distribution once that exists.
  const replicaEnv = { account: env.account, region: config.replicaRegion };
  const replica = new SiteReplicaStack(app, stackName(config, 'SiteReplica'), {
    config,
    env: replicaEnv,
  });
  const edge = new EdgeStack(app, stackName(config, 'Edge'), { config, env });
  edge.addStackDependency(replica);
  const replicaAccess = new SiteReplicaAccessStack(app, stackName(config, 'SiteReplicaAccess'), {
    config,
    env: replicaEnv,
    distribution: edge.distribution,
    readableKeys: CDN_READABLE_KEYS,
  });
  const stateless = new StatelessStack(app, stackName(config, 'Stateless'), {
    config,
    env,
    stateful,
    edge,
  });
  // cdk-nag runs as a validation plugin: any finding not acknowledged (with its reason) fails the
  // synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { config, stateful, edge, stateless, replica, replicaAccess };
}

import type { Construct } from 'constructs';
import { FUNCTION_NEEDS, variablesFor, type FunctionName } from '../../shared/config.js';
import { ProjectFunction, type ProjectFunctionProps } from '../constructs/project-function.js';
import type { EdgeStack } from '../edge.stack.js';
import { bucketName, replicaBucketName, type StageConfig } from '../stage-config.js';
import type { StatefulStack } from '../stateful.stack.js';

/**
 * A function of a family: its entry, description and sizing (the stage and variables come from
 * here).
 */
export type FunctionSpec = Omit<ProjectFunctionProps, 'config' | 'environment'>;

/**
 * What every function family of the stateless stack is built from: the
 * stage, the resources of the other stacks, and one way to make a function
 * that is given the variables of its capabilities only (shared/config.ts
 * FUNCTION_NEEDS). The grants each family writes give it the same
 * resources: what a function was not given, it can neither name nor reach.
 */
export class StatelessResources {
  /** The buckets are addressed by their stage names (see stage-config.ts). */
  readonly siteBucket: string;
  readonly ingestBucket: string;
  /** The site bucket's replica in the stage's replica region (site-replica.stack.ts). */
  readonly siteReplicaBucket: string;
  private readonly values: Record<string, string>;

  constructor(
    readonly config: StageConfig,
    readonly stateful: StatefulStack,
    readonly edge: EdgeStack,
  ) {
    this.siteBucket = bucketName(config, 'site');
    this.ingestBucket = bucketName(config, 'ingest');
    this.siteReplicaBucket = replicaBucketName(config);
    const { decisions, control, keys } = stateful.tables;
    this.values = {
      PUBLIBAC_DECISIONS_TABLE: decisions.tableName,
      PUBLIBAC_CONTROL_TABLE: control.tableName,
      PUBLIBAC_KEYS_TABLE: keys.tableName,
      PUBLIBAC_SITE_BUCKET: this.siteBucket,
      PUBLIBAC_SITE_REPLICA_BUCKET: this.siteReplicaBucket,
      PUBLIBAC_INGEST_BUCKET: this.ingestBucket,
      PUBLIBAC_EDGE_KVS_ARN: edge.keyValueStore.keyValueStoreArn,
      PUBLIBAC_DISTRIBUTION_ID: edge.distribution.distributionId,
    };
  }

  /**
   * A ProjectFunction for `name`. `known` adds the values only its family
   * knows (its schedule group, the functions it calls); like the others,
   * they are set only if the function's capabilities need them.
   */
  fn(
    scope: Construct,
    id: string,
    name: FunctionName,
    spec: FunctionSpec,
    known: Record<string, string> = {},
  ): ProjectFunction {
    const values = { ...this.values, ...known };
    const environment: Record<string, string> = { PUBLIBAC_MODE: 'aws' };
    for (const variable of variablesFor(FUNCTION_NEEDS[name], 'aws')) {
      const value = values[variable];
      if (value !== undefined) environment[variable] = value;
    }
    return new ProjectFunction(scope, id, { config: this.config, ...spec, environment });
  }
}

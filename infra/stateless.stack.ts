import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { FunctionName } from '../shared/config.js';
import type { ProjectFunction } from './constructs/project-function.js';
import type { EdgeStack } from './edge.stack.js';
import { applyFeatureFlags, type StageConfig } from './stage-config.js';
import type { StatefulStack } from './stateful.stack.js';
import { AdminApi } from './stateless/admin-api.js';
import { ConsoleSite } from './stateless/console-site.js';
import { IngestFunctions } from './stateless/ingest-functions.js';
import { PublicationFunctions } from './stateless/publication-functions.js';
import { StatelessResources } from './stateless/stateless-resources.js';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  stateful: StatefulStack;
  edge: EdgeStack;
}

/**
 * The functions, one construct per family, each owning its grants:
 * - IngestFunctions: the ingest function and the bucket notification;
 * - PublicationFunctions: render, publish and fraud, the arm schedules'
 *   group and the role Scheduler assumes;
 * - AdminApi: the admin function, its HTTP API and the officers' user pool.
 * The admin API writes no pointer and no file: it reads, records requests
 * and its audit entries, and asks the publication functions. The lookup
 * keys table (and its KMS key) is read by the publication functions only.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<FunctionName, ProjectFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    applyFeatureFlags(this);
    // The buckets are addressed by their stage names (see stage-config.ts): deploy after the
    // stacks that make them.
    this.addStackDependency(props.stateful);
    this.addStackDependency(props.edge);
    const resources = new StatelessResources(props.config, props.stateful, props.edge);

    const { ingest } = new IngestFunctions(this, 'Ingest', resources);
    const publication = new PublicationFunctions(this, 'Publication', resources);
    const admin = new AdminApi(this, 'AdminApi', resources, publication);
    new ConsoleSite(this, 'Console', resources, admin);
    const { render, publish, fraud } = publication;
    this.functions = { ingest, render, publish, fraud, adminApi: admin.handler };
  }
}

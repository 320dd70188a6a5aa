import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { INCOMING_PREFIX, REPORTS_PREFIX } from '../functions/ingest/prefixes.js';
import { AdminApi } from './admin-api.js';
import { ProjectFunction } from './constructs/project-function.js';
import type { EdgeStack } from './edge.stack.js';
import {
  allowArmSchedules,
  allowControlPartitions,
  allowEncryptedTable,
  allowInvalidations,
  allowInvoke,
  allowKvs,
  allowList,
  allowObjects,
} from './grants.js';
import { acknowledge, acknowledgeManagedRole } from './nag-acknowledgements.js';
import { FUNCTION_NEEDS, variablesFor, type FunctionName } from '../shared/config.js';
import { applyFeatureFlags, bucketName, resourceName, type StageConfig } from './stage-config.js';
import type { StatefulStack } from './stateful.stack.js';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  stateful: StatefulStack;
  edge: EdgeStack;
}

/**
 * The functions, the admin API and the scheduler wiring. Who may do what:
 * - render writes releases/ and rehearsals/ of the site bucket, reads pointers;
 * - publish writes the pointers and the rehearsal key (the KVS), announcements/
 *   (for the scheduling officers ask through the API), verifies releases/, and
 *   at the name lists' expiry rewrites the live release in place without them
 *   and invalidates their paths;
 * - fraud rewrites files of a live release in place (releases/ only) and
 *   invalidates their paths. Only publish and fraud write pointers.
 * - the admin API writes no pointer and no file: it reads, records requests
 *   and its audit entries, and asks the three functions above;
 * - the lookup keys table (and its KMS key) is read by render, publish and
 *   fraud only, the functions that render.
 */
export class StatelessStack extends Stack {
  readonly functions: Record<
    'ingest' | 'render' | 'publish' | 'fraud' | 'adminApi',
    ProjectFunction
  >;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    applyFeatureFlags(this);
    const { config, stateful, edge } = props;
    const { decisions, control, keys } = stateful.tables;

    // The buckets are addressed by their stage names (see stage-config.ts); deploy after the stacks that make them.
    this.addStackDependency(stateful);
    this.addStackDependency(edge);
    const siteBucket = bucketName(config, 'site');
    const ingestBucket = bucketName(config, 'ingest');
    const scheduleGroup = new ScheduleGroup(this, 'ArmSchedules', {
      scheduleGroupName: resourceName(config, 'arm'),
    });
    // Each function gets the variables of its capabilities only (shared/config.ts FUNCTION_NEEDS), and the
    // grants below give it the same resources: what it was not given, it can neither name nor reach.
    const values: Record<string, string> = {
      PUBLIBAC_DECISIONS_TABLE: decisions.tableName,
      PUBLIBAC_CONTROL_TABLE: control.tableName,
      PUBLIBAC_KEYS_TABLE: keys.tableName,
      PUBLIBAC_SITE_BUCKET: siteBucket,
      PUBLIBAC_INGEST_BUCKET: ingestBucket,
      PUBLIBAC_EDGE_KVS_ARN: edge.keyValueStore.keyValueStoreArn,
      PUBLIBAC_DISTRIBUTION_ID: edge.distribution.distributionId,
      PUBLIBAC_SCHEDULE_GROUP: scheduleGroup.scheduleGroupName,
    };
    const envOf = (name: FunctionName) => ({
      PUBLIBAC_MODE: 'aws',
      ...Object.fromEntries(
        variablesFor(FUNCTION_NEEDS[name], 'aws').flatMap((v) =>
          values[v] ? [[v, values[v]]] : [],
        ),
      ),
    });
    const fn = (
      id: string,
      name: FunctionName,
      entry: string,
      description: string,
      extra: Partial<ConstructorParameters<typeof ProjectFunction>[2]> = {},
    ) =>
      new ProjectFunction(this, id, {
        config,
        entry,
        description,
        ...extra,
        environment: { ...envOf(name), ...extra.environment },
      });

    // Files of a whole académie (30,000+ rows) are validated whole, then written: a full vCPU and the longest timeout.
    const ingest = fn(
      'Ingest',
      'ingest',
      'functions/ingest/handler.ts',
      'Validates and stores a decision file dropped in the ingest bucket',
      { memorySize: 1769, timeout: Duration.minutes(15) },
    );
    // The first render of a session derives each candidate's key (PBKDF2, four at a time on libuv's threads):
    // 7076 MB buys four vCPUs, so they run in parallel. CPU-bound work costs the same GB-seconds either way, only sooner.
    // Functions that render (render, and the in-memory re-renders of fraud and publish) ship the site's CSS and the prebuilt lookup script:
    // shared/render/release.ts reads the CSS from <repo root>/static-site, two levels above its own folder.
    const renderBundling = {
      define: { 'import.meta.dirname': JSON.stringify('/var/task/shared/render') },
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (inputDir: string, outputDir: string) => [
          `node --import tsx "${inputDir}/infra/bundling/render-assets.ts" "${inputDir}" "${outputDir}"`,
        ],
      },
    };
    const render = fn(
      'Render',
      'render',
      'functions/render/handler.ts',
      "Renders one académie's release or rehearsal",
      { memorySize: 7076, timeout: Duration.minutes(15), ...renderBundling },
    );
    // Scheduler invokes it asynchronously; arming takes a second, withdrawing expired lists re-renders the
    // académie in memory (as fraud does, from cached keys), hence fraud's memory and a longer timeout.
    const publish = fn(
      'Publish',
      'publish',
      'functions/publish/handler.ts',
      'Scheduled steps: arms the pointer of a publication, withdraws expired name lists (EventBridge Scheduler target)',
      {
        memorySize: 3008,
        timeout: Duration.minutes(3),
        ...renderBundling,
      },
    );

    // What Scheduler assumes to fire an arm trigger: it can invoke the publish function, nothing else.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'EventBridge Scheduler: invoke the publish function only',
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [publish.fn.functionArn],
      }),
    );
    const schedulerEnv = { PUBLIBAC_SCHEDULER_ROLE_ARN: schedulerRole.roleArn };
    // The publish function targets itself for retries with the ARN it is invoked under (an env var naming itself would be a cycle).
    publish.fn.addEnvironment('PUBLIBAC_SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
    render.fn.addEnvironment('PUBLIBAC_SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
    render.fn.addEnvironment('PUBLIBAC_PUBLISH_FUNCTION_ARN', publish.fn.functionArn);

    // A takedown re-renders the académie in memory (as render does, from cached keys) and rewrites a few files.
    const fraud = fn(
      'Fraud',
      'fraud',
      'functions/fraud/handler.ts',
      'Fraud procedures: withhold or release a result, rewriting the live release in place',
      {
        memorySize: 3008,
        timeout: Duration.seconds(60),
        environment: { ...schedulerEnv, PUBLIBAC_PUBLISH_FUNCTION_ARN: publish.fn.functionArn },
        ...renderBundling,
      },
    );
    const admin = fn(
      'AdminApi',
      'adminApi',
      'functions/admin-api/handler.ts',
      'Admin HTTP API: render, schedule, publish, status, rehearse, audit, fraud',
      {
        environment: {
          PUBLIBAC_RENDER_FUNCTION: render.fn.functionName,
          PUBLIBAC_FRAUD_FUNCTION: fraud.fn.functionName,
          PUBLIBAC_PUBLISH_FUNCTION: publish.fn.functionName,
        },
      },
    );

    // ingest: reads incoming files, writes its reports beside them, appends decisions.
    allowObjects(ingest, ingestBucket, ['s3:GetObject'], [INCOMING_PREFIX]);
    allowObjects(ingest, ingestBucket, ['s3:PutObject'], [REPORTS_PREFIX]);
    decisions.grantReadWriteData(ingest.fn);
    // The notification is attached from here, through a reference to the bucket: attached in the stateful
    // stack it would make that stack depend on this one, which depends on it.
    Bucket.fromBucketName(this, 'IngestBucketRef', ingestBucket).addEventNotification(
      EventType.OBJECT_CREATED,
      new LambdaDestination(ingest.fn),
      { prefix: INCOMING_PREFIX },
    );
    const notifications = this.node
      .findAll()
      .find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notifications) {
      acknowledge(
        notifications,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK-managed handler that sets the ingest bucket notification once per deployment; its role is not configurable.',
      );
      acknowledgeManagedRole(
        notifications,
        'CDK-managed handler: s3:PutBucketNotification on the bucket it configures.',
      );
    }

    // render: reads decisions, writes and verifies release and rehearsal prefixes only.
    decisions.grantReadData(render.fn);
    control.grantReadWriteData(render.fn);
    allowEncryptedTable(render, keys, stateful.keysKey, 'write');
    allowObjects(
      render,
      siteBucket,
      ['s3:PutObject', 's3:GetObject'],
      ['releases/', 'rehearsals/'],
    );
    allowList(render, siteBucket, ['releases/', 'rehearsals/']);
    // Reads pointers (which académies are live, for the national page); never writes one.
    allowKvs(render, edge.keyValueStore, 'read');
    allowArmSchedules(render, scheduleGroup.scheduleGroupName, schedulerRole);

    // publish: verifies the release, then writes the pointer; once the lists expire, reads decisions to re-render
    // in memory, rewrites the live release (releases/ only: a release not yet open is rendered again there) and invalidates.
    decisions.grantReadData(publish.fn);
    control.grantReadWriteData(publish.fn);
    allowEncryptedTable(publish, keys, stateful.keysKey, 'write');
    allowObjects(
      publish,
      siteBucket,
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      ['releases/'],
    );
    // Scheduling (asked by the admin API for an officer) announces the instant.
    allowObjects(publish, siteBucket, ['s3:PutObject'], ['announcements/']);
    allowList(publish, siteBucket, ['releases/']);
    allowKvs(publish, edge.keyValueStore, 'write');
    allowArmSchedules(publish, scheduleGroup.scheduleGroupName, schedulerRole);
    allowInvalidations(publish, edge.distribution.distributionId, [
      'cloudfront:CreateInvalidation',
      'cloudfront:GetInvalidation',
    ]);

    // fraud: reads decisions, rewrites files of live releases, re-arms a release not yet open, invalidates.
    decisions.grantReadData(fraud.fn);
    control.grantReadWriteData(fraud.fn);
    allowEncryptedTable(fraud, keys, stateful.keysKey, 'write');
    allowObjects(
      fraud,
      siteBucket,
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      ['releases/'],
    );
    allowList(fraud, siteBucket, ['releases/']);
    allowKvs(fraud, edge.keyValueStore, 'write');
    allowArmSchedules(fraud, scheduleGroup.scheduleGroupName, schedulerRole);
    allowInvalidations(fraud, edge.distribution.distributionId, [
      'cloudfront:CreateInvalidation',
      'cloudfront:GetInvalidation',
    ]);

    // admin API (internet-facing): reads what its routes show, records requests and its own audit entries, and asks
    // render, fraud and publish for anything else. No pointer write, no schedule, no lookup key, no decision.
    allowControlPartitions(admin, control, {
      read: ['plan', 'release#*', 'takedown#*', 'approval#*', 'audit'],
      write: ['audit', 'approval#*', 'takedown#*'],
    });
    allowObjects(admin, siteBucket, ['s3:GetObject'], ['releases/']);
    allowList(admin, siteBucket, ['releases/']);
    allowKvs(admin, edge.keyValueStore, 'read');
    allowInvoke(admin, render.fn);
    allowInvoke(admin, fraud.fn);
    allowInvoke(admin, publish.fn);
    allowInvalidations(admin, edge.distribution.distributionId, ['cloudfront:GetInvalidation']);

    new AdminApi(this, 'Admin', { config, handler: admin.fn });
    this.functions = { ingest, render, publish, fraud, adminApi: admin };
  }
}

import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { ProjectFunction } from '../constructs/project-function.js';
import {
  allowArmSchedules,
  allowEncryptedTable,
  allowInvalidations,
  allowKvs,
  allowList,
  allowObjects,
} from '../grants.js';
import { resourceName } from '../stage-config.js';
import type { FunctionSpec, StatelessResources } from './stateless-resources.js';

/**
 * Functions that render (render, and the in-memory re-renders of publish
 * and fraud) ship the site's CSS and the lookup page's script, built once
 * by `npm run build:assets`: the hook copies them into the package at the
 * paths the renderer finds them (shared/render/site-assets.ts).
 */
const RENDER_ASSETS = {
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => [
      `node --import tsx "${inputDir}/infra/bundling/render-assets.ts" "${inputDir}" ` +
        `"${outputDir}"`,
    ],
  },
} satisfies Partial<FunctionSpec>;

/**
 * The functions that render and publish, and the scheduling they share.
 * Who may do what:
 * - render writes releases/ and rehearsals/ of the site bucket, reads
 *   pointers; it never writes one;
 * - publish writes the pointers and the rehearsal key (the KVS),
 *   announcements/ (for the scheduling officers ask through the API),
 *   verifies releases/, and at the name lists' expiry rewrites the live
 *   release in place without them and invalidates their paths;
 * - fraud rewrites files of a live release in place (releases/ only) and
 *   invalidates their paths. Only publish and fraud write pointers.
 * All three read the lookup keys table (and its KMS key): they render.
 */
export class PublicationFunctions extends Construct {
  readonly render: ProjectFunction;
  readonly publish: ProjectFunction;
  readonly fraud: ProjectFunction;

  constructor(scope: Construct, id: string, r: StatelessResources) {
    super(scope, id);
    const scheduleGroup = new ScheduleGroup(this, 'ArmSchedules', {
      scheduleGroupName: resourceName(r.config, 'arm'),
    });
    const group = { PUBLIBAC_SCHEDULE_GROUP: scheduleGroup.scheduleGroupName };

    // Scheduler invokes it asynchronously; arming takes a second, withdrawing expired lists
    // re-renders the académie in memory (as fraud does, from cached keys), hence fraud's memory
    // and a longer timeout.
    this.publish = r.fn(
      this,
      'Publish',
      'publish',
      {
        entry: 'functions/publish/handler.ts',
        description:
          'Scheduled steps: arms the pointer of a publication, withdraws expired name lists ' +
          '(EventBridge Scheduler target)',
        memorySize: 3008,
        timeout: Duration.minutes(3),
        ...RENDER_ASSETS,
      },
      group,
    );
    // What Scheduler assumes to fire an arm trigger: it can invoke the publish function, nothing
    // else.
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'EventBridge Scheduler: invoke the publish function only',
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.publish.fn.functionArn],
      }),
    );
    // The publish function targets itself for retries with the ARN it is invoked under (a variable
    // naming itself would be a cycle).
    this.publish.fn.addEnvironment('PUBLIBAC_SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
    const scheduling = {
      ...group,
      PUBLIBAC_SCHEDULER_ROLE_ARN: schedulerRole.roleArn,
      PUBLIBAC_PUBLISH_FUNCTION_ARN: this.publish.fn.functionArn,
    };

    // The first render of a session derives each candidate's key (PBKDF2, four at a time on
    // libuv's threads): 7076 MB buys four vCPUs, so they run in parallel. CPU-bound work costs
    // the same GB-seconds either way, only sooner.
    this.render = r.fn(
      this,
      'Render',
      'render',
      {
        entry: 'functions/render/handler.ts',
        description: "Renders one académie's release or rehearsal",
        memorySize: 7076,
        timeout: Duration.minutes(15),
        // The admin API's POST /render invokes it once per académie (functions/render-call.ts):
        // a national session renders in as many Lambdas at once, which this keeps available.
        ...(r.config.scale.render !== undefined && {
          reservedConcurrentExecutions: r.config.scale.render,
        }),
        ...RENDER_ASSETS,
      },
      scheduling,
    );
    // Lambda retries a failed render twice (it continues from its cached keys); a render still
    // queued an hour later is dropped rather than run long after an officer asked for it.
    this.render.fn.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(1) });
    // A takedown re-renders the académie in memory (as render does, from cached keys) and
    // rewrites a few files.
    this.fraud = r.fn(
      this,
      'Fraud',
      'fraud',
      {
        entry: 'functions/fraud/handler.ts',
        description:
          'Fraud procedures: withhold or release a result, rewriting the live release in place',
        memorySize: 3008,
        timeout: Duration.seconds(60),
        ...RENDER_ASSETS,
      },
      scheduling,
    );

    const { decisions, control, keys } = r.stateful.tables;
    const { keyValueStore, distribution } = r.edge;
    const invalidations = ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'] as const;
    for (const f of [this.render, this.publish, this.fraud]) {
      // Each reads decisions (never writes one), keeps its records, and reads and caches the
      // lookup keys of the académies it renders; each may re-arm a plan.
      decisions.grantReadData(f.fn);
      control.grantReadWriteData(f.fn);
      allowEncryptedTable(f, keys, r.stateful.keysKey, 'write');
      allowArmSchedules(f, scheduleGroup.scheduleGroupName, schedulerRole);
    }

    // render: writes and verifies (GetObject of the manifest, then a listing of the release's
    // prefix) the release and rehearsal prefixes only; reads pointers (which académies are live,
    // for the national page).
    const renderPrefixes = ['releases/', 'rehearsals/'];
    allowObjects(this.render, r.siteBucket, ['s3:PutObject', 's3:GetObject'], renderPrefixes);
    allowList(this.render, r.siteBucket, renderPrefixes);
    allowKvs(this.render, keyValueStore, 'read');

    // publish: verifies the release (its manifest, and a listing of its prefix), then writes the
    // pointer; once the lists expire, rewrites the live release (releases/ only: a release not
    // yet open is rendered again there) and invalidates. Scheduling (asked by the admin API for
    // an officer) announces the instant.
    // fraud: rewrites files of live releases, re-arms a release not yet open, invalidates.
    // Both rewrite the national home page (home/) when they arm, publish or miss a plan.
    for (const f of [this.publish, this.fraud]) {
      const rewrite = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] as const;
      allowObjects(f, r.siteBucket, [...rewrite], ['releases/']);
      allowObjects(f, r.siteBucket, ['s3:PutObject'], ['home/']);
      allowList(f, r.siteBucket, ['releases/']);
      allowKvs(f, keyValueStore, 'write');
      allowInvalidations(f, distribution.distributionId, [...invalidations]);
    }
    allowObjects(this.publish, r.siteBucket, ['s3:PutObject'], ['announcements/']);

    // Each may arm a plan, which first checks the release is complete in the replica bucket too
    // (read only: S3 Replication alone writes there). The check lists the release's prefix, as in
    // the site bucket.
    for (const f of [this.render, this.publish, this.fraud]) {
      allowObjects(f, r.siteReplicaBucket, ['s3:GetObject'], ['releases/']);
      allowList(f, r.siteReplicaBucket, ['releases/']);
    }
  }
}

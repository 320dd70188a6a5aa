import { Duration, Stack } from 'aws-cdk-lib';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import { INCOMING_PREFIX, REPORTS_PREFIX } from '../../shared/contracts/ingest-bucket.js';
import type { TableWriteCapacity } from '../../shared/ingest/write-concurrency.js';
import type { ProjectFunction } from '../constructs/project-function.js';
import { allowObjects } from '../grants.js';
import { acknowledge, acknowledgeManagedRole } from '../nag-acknowledgements.js';
import type { StatelessResources } from './stateless-resources.js';

/**
 * The ingest function and what triggers it: it reads the files dropped
 * under `incoming/` of the ingest bucket, writes its reports beside them
 * (`reports/`), and appends decisions. Nothing else of the platform.
 */
export class IngestFunctions extends Construct {
  readonly ingest: ProjectFunction;

  constructor(scope: Construct, id: string, r: StatelessResources) {
    super(scope, id);
    // Files of a whole académie (30,000+ rows) are validated whole, then written: a full vCPU and
    // the longest timeout.
    // Writes in parallel within the decisions table's budget: on demand (the stateful stack's
    // billing), shared by the ingests that may run at once (shared/ingest/write-concurrency.ts).
    const writers = r.config.scale.ingestWriters;
    const capacity: TableWriteCapacity = { mode: 'on-demand', writers: writers ?? 1 };
    this.ingest = r.fn(
      this,
      'Ingest',
      'ingest',
      {
        entry: 'functions/ingest/handler.ts',
        description: 'Validates and stores a decision file dropped in the ingest bucket',
        memorySize: 1769,
        timeout: Duration.minutes(15),
        ...(writers !== undefined && { reservedConcurrentExecutions: writers }),
      },
      { PUBLIBAC_DECISIONS_WRITE_CAPACITY: JSON.stringify(capacity) },
    );
    allowObjects(this.ingest, r.ingestBucket, ['s3:GetObject'], [INCOMING_PREFIX]);
    allowObjects(this.ingest, r.ingestBucket, ['s3:PutObject'], [REPORTS_PREFIX]);
    r.stateful.tables.decisions.grantReadWriteData(this.ingest.fn);

    // The notification is attached from here, through a reference to the bucket: attached in the
    // stateful stack it would make that stack depend on this one, which depends on it.
    Bucket.fromBucketName(this, 'BucketRef', r.ingestBucket).addEventNotification(
      EventType.OBJECT_CREATED,
      new LambdaDestination(this.ingest.fn),
      { prefix: INCOMING_PREFIX },
    );
    // CDK makes the handler that sets the notification once per stack, at the stack's root.
    const notifications = Stack.of(this)
      .node.findAll()
      .find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notifications) {
      acknowledge(
        notifications,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:' +
          'policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK-managed handler that sets the ingest bucket notification once per deployment; ' +
          'its role is not configurable.',
      );
      acknowledgeManagedRole(
        notifications,
        'CDK-managed handler: s3:PutBucketNotification on the bucket it configures.',
      );
    }
  }
}

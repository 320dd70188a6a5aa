import { Stack } from 'aws-cdk-lib';
import type { KeyValueStore } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement, type IRole, type Role } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { acknowledgeWildcardResource } from './nag-acknowledgements.js';

/**
 * Grants written action by action: no `*` in any action (CDK's bucket
 * grants use `s3:GetObject*`, `s3:List*`), and object grants limited to key
 * prefixes, so that a policy says exactly which part of a bucket a function
 * may touch. Each wildcard resource is acknowledged to cdk-nag here, where
 * it is decided.
 */
interface Grantee {
  role: Role;
}

/**
 * `bucketName` rather than a bucket object: the buckets live in other stacks and are addressed by
 * their stage name.
 */
export function allowObjects(
  to: Grantee,
  bucketName: string,
  actions: ('s3:GetObject' | 's3:PutObject' | 's3:DeleteObject')[],
  prefixes: string[],
): void {
  const resources = prefixes.map(
    (p) => `arn:${Stack.of(to.role).partition}:s3:::${bucketName}/${p}*`,
  );
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
  for (const r of resources)
    acknowledgeWildcardResource(
      to.role,
      r,
      `Objects under one key prefix (${actions.join(', ')}): the prefix is the boundary of what ` +
        `this function may touch.`,
    );
}

/**
 * s3:ListBucket on the bucket, for the listed prefixes only (the s3:prefix
 * condition: a ListObjectsV2 without a Prefix, or outside them, is denied).
 * The release check is a listing of `<prefix>/<id>/` (every file present
 * with its size, see verifyRelease); and without this permission S3 answers
 * 403 rather than 404 for a missing key, which a reader must tell apart.
 */
export function allowList(to: Grantee, bucketName: string, prefixes: string[]): void {
  to.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [`arn:${Stack.of(to.role).partition}:s3:::${bucketName}`],
      conditions: { StringLike: { 's3:prefix': prefixes.map((p) => `${p}*`) } },
    }),
  );
}

export function allowKvs(to: Grantee, kvs: KeyValueStore, access: 'read' | 'write'): void {
  const actions = [
    'cloudfront-keyvaluestore:DescribeKeyValueStore',
    'cloudfront-keyvaluestore:GetKey',
  ];
  if (access === 'write')
    actions.push('cloudfront-keyvaluestore:PutKey', 'cloudfront-keyvaluestore:DeleteKey');
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [kvs.keyValueStoreArn] }));
}

/**
 * The arm triggers: one-time schedules of one group, created with the scheduler role (and only it)
 * passed to Scheduler.
 */
export function allowArmSchedules(to: Grantee, groupName: string, schedulerRole: IRole): void {
  const schedules = Stack.of(to.role).formatArn({
    service: 'scheduler',
    resource: 'schedule',
    resourceName: `${groupName}/*`,
  });
  to.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [
        'scheduler:CreateSchedule',
        'scheduler:UpdateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:GetSchedule',
      ],
      resources: [schedules],
    }),
  );
  acknowledgeWildcardResource(
    to.role,
    schedules,
    "Schedules are created per plan and instant at run time, inside the project's own schedule " +
      'group only.',
  );
  to.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] }),
  );
  acknowledgeWildcardResource(
    to.role,
    '*',
    'scheduler:ListSchedules supports no resource-level permission (IAM service authorization ' +
      'reference); it only lists names, filtered by group in the call.',
  );
  to.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [schedulerRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  );
}

/** CreateInvalidation (a takedown) and GetInvalidation (its progress) on one distribution only. */
export function allowInvalidations(
  to: Grantee,
  distributionId: string,
  actions: ('cloudfront:CreateInvalidation' | 'cloudfront:GetInvalidation')[],
): void {
  const distribution = Stack.of(to.role).formatArn({
    service: 'cloudfront',
    region: '',
    resource: 'distribution',
    resourceName: distributionId,
  });
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [distribution] }));
}

/** Invocations of one function, unqualified (no version or alias wildcard). */
export function allowInvoke(to: Grantee, fn: IFunction): void {
  to.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
  );
}

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];
// CDK's table grants on a customer-managed key add kms:ReEncrypt* and kms:GenerateDataKey*: spelled
// out instead.
const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'];

/**
 * Items of a table encrypted with its own key (the lookup keys), and that
 * key, action by action. No Scan: the functions read one académie's
 * partition at a time.
 */
export function allowEncryptedTable(
  to: Grantee,
  table: ITableV2,
  key: IKey,
  access: 'read' | 'write',
): void {
  to.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === 'write' ? [...TABLE_READ, ...TABLE_WRITE] : TABLE_READ,
      resources: [table.tableArn],
    }),
  );
  to.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access === 'write' ? [...KEY_READ, ...KEY_WRITE] : KEY_READ,
      resources: [key.keyArn],
    }),
  );
}

/**
 * Items of the control table whose partition key matches one of the
 * patterns only (IAM's dynamodb:LeadingKeys): the internet-facing admin API
 * reads plans, releases, takedowns, approvals and the audit log, and writes
 * only audit entries, approval requests and takedown progress; never fraud
 * procedures, triggers or figures.
 */
export function allowControlPartitions(
  to: Grantee,
  table: ITableV2,
  partitions: { read: string[]; write: string[] },
): void {
  const statement = (actions: string[], keys: string[]) =>
    new PolicyStatement({
      actions,
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': keys } },
    });
  to.role.addToPrincipalPolicy(
    statement(
      TABLE_READ.filter((a) => a !== 'dynamodb:DescribeTable'),
      partitions.read,
    ),
  );
  to.role.addToPrincipalPolicy(
    statement(['dynamodb:PutItem', 'dynamodb:UpdateItem'], partitions.write),
  );
}

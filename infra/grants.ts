import { Stack } from 'aws-cdk-lib';
import type { KeyValueStore } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement, type IRole, type Role } from 'aws-cdk-lib/aws-iam';
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

/** `bucketName` rather than a bucket object: the buckets live in other stacks and are addressed by their stage name. */
export function allowObjects(to: Grantee, bucketName: string, actions: ('s3:GetObject' | 's3:PutObject' | 's3:DeleteObject')[], prefixes: string[]): void {
  const resources = prefixes.map((p) => `arn:${Stack.of(to.role).partition}:s3:::${bucketName}/${p}*`);
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources }));
  for (const r of resources) acknowledgeWildcardResource(to.role, r, `Objects under one key prefix (${actions.join(', ')}): the prefix is the boundary of what this function may touch.`);
}

/**
 * Without s3:ListBucket, S3 answers 403 rather than 404 for a missing key;
 * the release check (HeadObject of each file) must tell "missing" from
 * "forbidden", so it may list, but only under its prefixes.
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
  const actions = ['cloudfront-keyvaluestore:DescribeKeyValueStore', 'cloudfront-keyvaluestore:GetKey'];
  if (access === 'write') actions.push('cloudfront-keyvaluestore:PutKey', 'cloudfront-keyvaluestore:DeleteKey');
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [kvs.keyValueStoreArn] }));
}

/** The arm triggers: one-time schedules of one group, created with the scheduler role (and only it) passed to Scheduler. */
export function allowArmSchedules(to: Grantee, groupName: string, schedulerRole: IRole): void {
  const schedules = Stack.of(to.role).formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${groupName}/*` });
  to.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'], resources: [schedules] }),
  );
  acknowledgeWildcardResource(to.role, schedules, 'Schedules are created per plan and instant at run time, inside the project\'s own schedule group only.');
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] }));
  acknowledgeWildcardResource(to.role, '*', 'scheduler:ListSchedules supports no resource-level permission (IAM service authorization reference); it only lists names, filtered by group in the call.');
  to.role.addToPrincipalPolicy(
    new PolicyStatement({ actions: ['iam:PassRole'], resources: [schedulerRole.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } } }),
  );
}

/** CreateInvalidation (a takedown) and GetInvalidation (its progress) on one distribution only. */
export function allowInvalidations(to: Grantee, distributionId: string, actions: ('cloudfront:CreateInvalidation' | 'cloudfront:GetInvalidation')[]): void {
  const distribution = Stack.of(to.role).formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: distributionId });
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [distribution] }));
}

/** Invocations of one function, unqualified (no version or alias wildcard). */
export function allowInvoke(to: Grantee, fn: IFunction): void {
  to.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
}

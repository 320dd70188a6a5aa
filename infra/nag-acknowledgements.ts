import { Stack, Validations, type IResolvable } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
// The same flattening cdk-nag applies to a policy resource before naming its finding.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';

/**
 * cdk-nag findings are acknowledged where the decision is made (a grant, a
 * construct), each with its reason. These helpers only spell the finding ids.
 */
export function acknowledge(scope: IConstruct, rule: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
}

/** IAM5 for one wildcard resource of a policy statement (an ARN with a key prefix, say). */
export function acknowledgeWildcardResource(
  scope: IConstruct,
  resource: string | IResolvable,
  reason: string,
): void {
  acknowledge(
    scope,
    `IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`,
    reason,
  );
}

/** IAM5 for one action with a wildcard (CDK-managed roles only: ours name every action). */
export function acknowledgeWildcardAction(scope: IConstruct, action: string, reason: string): void {
  acknowledge(scope, `IAM5[Action::${action}]`, reason);
}

/**
 * Every wildcard of a CDK-managed role (its singleton handlers), read from the
 * role's policy as cdk-nag reads it: we do not write these statements, so we
 * acknowledge them as a whole, with the reason they exist.
 */
export function acknowledgeManagedRole(roleScope: IConstruct, reason: string): void {
  const stack = Stack.of(roleScope);
  for (const child of roleScope.node.findAll()) {
    const document = (child as { policyDocument?: unknown }).policyDocument;
    if (document === undefined || child.node.id !== 'Resource') continue;
    const resolved = stack.resolve(document) as {
      Statement?: { Effect: string; Action: string | string[]; Resource: unknown }[];
    };
    for (const statement of resolved.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of [statement.Action].flat())
        if (action.includes('*')) acknowledgeWildcardAction(roleScope, action, reason);
      for (const resource of [statement.Resource].flat()) {
        const flat = flattenCfnReference(resource);
        if (flat.includes('*')) acknowledge(roleScope, `IAM5[Resource::${flat}]`, reason);
      }
    }
  }
}

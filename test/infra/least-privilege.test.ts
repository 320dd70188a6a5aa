// Who may read the secrets of the lookup and move the pointers, on the
// synthesised templates; and that every function is given every variable
// its configuration requires (shared/config.ts), so none fails at cold start.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/publibac-app.js';
import { FUNCTION_NEEDS, loadConfig, type FunctionName } from '../../shared/config.js';

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
};
const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
const json = (x: unknown) => JSON.stringify(x);

let stateless: Template;
let stateful: Template;
beforeAll(() => {
  const app = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'dev');
  stateless = Template.fromStack(app.stateless);
  stateful = Template.fromStack(app.stateful);
});

/**
 * A function's role, whatever the family construct its logical id starts
 * with: `PublicationRenderRole1A2B3C4D` is render's.
 */
const ROLE_OF = /"Ref":"[A-Za-z]*?(Ingest|Render|Publish|Fraud|AdminApi)Role[0-9A-F]{8}"/;

/** Function → every statement of the policies attached to its role. */
function statementsByRole(): Map<string, Statement[]> {
  const out = new Map<string, Statement[]>();
  for (const p of Object.values(stateless.findResources('AWS::IAM::Policy'))) {
    for (const role of list(p.Properties.Roles as unknown[]).map(json)) {
      const id = ROLE_OF.exec(role)?.[1] ?? role;
      out.set(id, [
        ...(out.get(id) ?? []),
        ...(p.Properties.PolicyDocument.Statement as Statement[]),
      ]);
    }
  }
  return out;
}

/** Roles with an Allow statement that has one of `actions` on a resource matching `resource`. */
function rolesAllowed(actions: (a: string) => boolean, resource: RegExp): string[] {
  return [...statementsByRole()]
    .filter(([, statements]) =>
      statements.some(
        (s) =>
          s.Effect === 'Allow' && list(s.Action).some(actions) && resource.test(json(s.Resource)),
      ),
    )
    .map(([role]) => role)
    .sort();
}

/**
 * Who may list which bucket of the site, and under which prefixes (their s3:prefix condition):
 * bucket ("site" or "replica") → function → patterns. A statement without the condition shows as
 * "any prefix".
 */
function listings(): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [role, statements] of statementsByRole()) {
    if (!Object.values(FUNCTIONS).includes(role)) continue;
    for (const s of statements) {
      if (s.Effect !== 'Allow' || !list(s.Action).includes('s3:ListBucket')) continue;
      const resource = json(s.Resource);
      const bucket = /site-replica-/.test(resource)
        ? 'replica'
        : /-site-/.test(resource)
          ? 'site'
          : resource;
      const prefixes = s.Condition?.StringLike?.['s3:prefix'];
      (out[bucket] ??= {})[role] = prefixes === undefined ? ['any prefix'] : list(prefixes);
      // The bucket itself (ListBucket's resource), never a wildcard over buckets or objects.
      expect(resource, role).not.toMatch(/\*|\/"/);
    }
  }
  return out;
}

const FUNCTIONS: Record<FunctionName, string> = {
  ingest: 'Ingest',
  render: 'Render',
  publish: 'Publish',
  fraud: 'Fraud',
  adminApi: 'AdminApi',
};

describe('least privilege', () => {
  it('encrypts the lookup keys table with a customer-managed key, rotated', () => {
    const [keysTable] = Object.entries(stateful.findResources('AWS::DynamoDB::GlobalTable')).filter(
      ([id]) => id.startsWith('KeysTable'),
    );
    expect(json(keysTable![1].Properties.SSESpecification)).toMatch(/"SSEType":"KMS"/);
    expect(json(keysTable![1].Properties.Replicas)).toMatch(/KMSMasterKeyId.*KeysTableKey/);
    stateful.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it(
    'lets only the functions that render read the lookup keys table, and its key; never the ' +
      'admin API',
    () => {
      const keysTable = /KeysTable/;
      expect(rolesAllowed((a) => a.startsWith('dynamodb:'), keysTable)).toEqual([
        'Fraud',
        'Publish',
        'Render',
      ]);
      expect(rolesAllowed((a) => a === 'kms:Decrypt', /KeysTableKey/)).toEqual([
        'Fraud',
        'Publish',
        'Render',
      ]);
      expect(json(statementsByRole().get('AdminApi'))).not.toMatch(/KeysTable|kms:/);
    },
  );

  it(
    'lets only publish and fraud write the pointers (KeyValueStore); render and the API read ' +
      'at most',
    () => {
      const writes = rolesAllowed(
        (a) =>
          a === 'cloudfront-keyvaluestore:PutKey' || a === 'cloudfront-keyvaluestore:DeleteKey',
        /Pointers/,
      );
      expect(writes).toEqual(['Fraud', 'Publish']);
    },
  );

  it(
    'lets the functions that verify a release list it (a listing is the completeness check), ' +
      'under releases/ and rehearsals/ only',
    () => {
      expect(listings()).toEqual({
        // render verifies what it wrote, releases and rehearsals; publish and fraud arm releases
        // (and the admin API tells a missing release file from a forbidden one).
        site: {
          Render: ['releases/*', 'rehearsals/*'],
          Publish: ['releases/*'],
          Fraud: ['releases/*'],
          AdminApi: ['releases/*'],
        },
        // Arming checks the replica too: whoever arms lists its releases, nothing else.
        replica: {
          Render: ['releases/*'],
          Publish: ['releases/*'],
          Fraud: ['releases/*'],
        },
      });
    },
  );

  it('gives every function each variable its configuration requires, in aws mode', () => {
    const functions = stateless.findResources('AWS::Lambda::Function');
    for (const [name, prefix] of Object.entries(FUNCTIONS) as [FunctionName, string][]) {
      const [, fn] = Object.entries(functions).find(([id]) =>
        new RegExp(`^[A-Za-z]*?${prefix}Function[0-9A-F]{8}$`).test(id),
      )!;
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      // Deploy-time values (Ref, GetAtt) stand for what CloudFormation fills in: ARNs where an ARN
      // is expected.
      const env = Object.fromEntries(
        Object.entries(variables).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : k.endsWith('_ARN') ? 'arn:aws:resolved' : 'resolved',
        ]),
      );
      expect(env.PUBLIBAC_MODE, name).toBe('aws');
      // The publish function stands for its own ARN (a variable naming itself would be a cycle).
      expect(
        () =>
          loadConfig(
            FUNCTION_NEEDS[name],
            env,
            name === 'publish' ? { selfArn: 'arn:aws:self' } : {},
          ),
        name,
      ).not.toThrow();
      // And nothing beyond: a function not given the keys table cannot even name it.
      if (!(FUNCTION_NEEDS[name] as readonly string[]).includes('keys'))
        expect(variables.PUBLIBAC_KEYS_TABLE, name).toBeUndefined();
    }
  });
});

// Issue 14, item 3: a national session renders in parallel Lambdas (one per
// académie, fanned out by the admin API), and ingest writes with a
// parallelism sized from the decisions table's capacity.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/publibac-app.js';
import { ACADEMIES } from '../../shared/domain/reference/academies.js';
import { parseWriteCapacity, writeConcurrency } from '../../shared/ingest/write-concurrency.js';

type Fn = { Properties: Record<string, unknown> & { Environment: { Variables: object } } };
const build = (stage: 'dev' | 'prod') =>
  buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), stage);

function functionNamed(t: Template, prefix: string): [string, Fn] {
  const found = Object.entries(t.findResources('AWS::Lambda::Function')).find(([id]) =>
    new RegExp(`^[A-Za-z]*?${prefix}Function[0-9A-F]{8}$`).test(id),
  );
  if (!found) throw new Error(`no function ${prefix}`);
  return found as [string, Fn];
}

let prod: Template;
let dev: Template;
beforeAll(() => {
  prod = Template.fromStack(build('prod').stateless);
  dev = Template.fromStack(build('dev').stateless);
});

describe('render fan-out', () => {
  it('keeps a Lambda for every académie at once in prod, each with four vCPUs', () => {
    const [, render] = functionNamed(prod, 'PublicationRender');
    expect(render.Properties.ReservedConcurrentExecutions).toBeGreaterThanOrEqual(ACADEMIES.length);
    // 7,076 MB: four vCPUs for the lookup roots' PBKDF2 on libuv's threads.
    expect(render.Properties.MemorySize).toBe(7076);
    expect(render.Properties.Timeout).toBe(900);
  });

  it('retries a failed render twice and drops one queued for over an hour', () => {
    const [id] = functionNamed(prod, 'PublicationRender');
    const configs = Object.values(prod.findResources('AWS::Lambda::EventInvokeConfig'));
    const mine = configs.find((c) => JSON.stringify(c.Properties.FunctionName).includes(id));
    expect(mine?.Properties).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('lets the admin API invoke render asynchronously (its POST /render fans out)', () => {
    const [renderId] = functionNamed(prod, 'PublicationRender');
    const statements = Object.values(prod.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    );
    const invoke = statements.filter(
      (s) =>
        [s.Action].flat().includes('lambda:InvokeFunction') &&
        JSON.stringify(s.Resource).includes(renderId),
    );
    expect(invoke.length).toBeGreaterThan(0);
  });

  it('reserves nothing in dev, where an account may have little concurrency', () => {
    const [, render] = functionNamed(dev, 'PublicationRender');
    expect(render.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('ingest writes sized from the table capacity', () => {
  it('gives ingest the on-demand capacity shared by its reserved writers', () => {
    const [, ingest] = functionNamed(prod, 'Ingest');
    const variables = ingest.Properties.Environment.Variables as Record<string, unknown>;
    const raw = variables.PUBLIBAC_DECISIONS_WRITE_CAPACITY;
    expect(typeof raw).toBe('string');
    const capacity = parseWriteCapacity(raw as string)!;
    expect(capacity).toMatchObject({ mode: 'on-demand', writers: 10 });
    expect(ingest.Properties.ReservedConcurrentExecutions).toBe(capacity.writers);
    // 10 writers sharing 80 % of 4,000 WRU/s: one batch in flight each.
    expect(writeConcurrency(capacity)).toBe(1);
  });

  it('names the capacity to ingest only', () => {
    const [, render] = functionNamed(prod, 'PublicationRender');
    expect(render.Properties.Environment.Variables).not.toHaveProperty(
      'PUBLIBAC_DECISIONS_WRITE_CAPACITY',
    );
  });
});

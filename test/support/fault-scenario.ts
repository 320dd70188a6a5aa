// What the fault tests share: a realistic académie's decision files, the
// product's dependencies over a stack with a given client, and the state a
// run leaves (decisions, lookup keys, release files, records) to compare.
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { compose } from '../../shared/composition-root.js';
import { ALL_CAPABILITIES, loadConfig } from '../../shared/config.js';
import {
  generateFirstGroup,
  generateSecondGroup,
  writeCsv,
} from '../../shared/generate/decisions.generator.js';
import type { CsvV1Row } from '../../shared/ingest/format-v1.js';
import type { Clock } from '../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { bucketSnapshot } from './bucket-snapshot.js';
import { dynamoClientFor, s3ClientFor } from './local-stack.js';
import { tableSnapshot } from './table-snapshot.js';

/**
 * A group-1 file and the group-2 file of the candidates it invites to the oral, generated from
 * `seed`.
 */
export async function decisionFiles(
  academie: string,
  session: string,
  candidates: number,
  seed = 7,
): Promise<{ dir: string; group1: string; group2: string; group1Rows: number; rows: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'publibac-faults-'));
  const first: CsvV1Row[] = [...generateFirstGroup({ academie, session, candidates, seed })];
  const write = async (name: string, rows: Iterable<CsvV1Row>) => {
    const path = join(dir, name);
    const out = createWriteStream(path);
    const n = await writeCsv(rows, out);
    out.end();
    await finished(out);
    return { path, n };
  };
  const g1 = await write('groupe-1.csv', first);
  const g2 = await write('groupe-2.csv', generateSecondGroup(first, { seed }));
  return { dir, group1: g1.path, group2: g2.path, group1Rows: g1.n, rows: g1.n + g2.n };
}

/** The product's dependencies over a stack, composed by its composition root with these clients. */
export function depsWith(
  env: Record<string, string>,
  clock: Clock,
  clients: { dynamo?: DynamoDBDocumentClient; s3?: S3Client } = {},
): PublicationDeps {
  const needs = ALL_CAPABILITIES.filter((c) => c !== 'functions');
  const { deps } = compose(loadConfig(needs, env), {
    clock,
    clients: { dynamo: clients.dynamo ?? dynamoClientFor(env), s3: clients.s3 ?? s3ClientFor(env) },
  });
  return deps;
}

/**
 * Gives a fresh stack the lookup salt, cost, layout and code secret another
 * stack made at its first render, so that the same decisions render to the
 * same bytes (and release id) on both: what lets two stacks be compared.
 */
export async function copyLookupKeys(
  from: PublicationDeps,
  to: PublicationDeps,
  session: string,
  academie: string,
): Promise<void> {
  const params = await from.lookupKeys.params(session, academie);
  const secret = await from.lookupKeys.codeSecret(session, academie);
  if (!params || !secret) throw new Error('the source stack has rendered nothing yet');
  await to.lookupKeys.createParams(session, academie, params);
  await to.lookupKeys.createCodeSecret(session, academie, secret);
}

export interface StackState {
  decisions: string;
  keys: string;
  files: string[];
}

/**
 * What a run leaves on a stack: the decisions table and the lookup keys
 * table (every item, every attribute), and every object of the site bucket
 * under `releases/` with the hash of its bytes. `mask` drops attributes that
 * name when something ran (a process killed and rerun writes its rows at two
 * moments) before comparing.
 */
export async function stackState(
  env: Record<string, string>,
  mask: (item: Record<string, unknown>) => Record<string, unknown> = (i) => i,
): Promise<StackState> {
  const db = dynamoClientFor(env);
  const s3 = s3ClientFor(env);
  try {
    const masked = async (table: string) =>
      JSON.stringify(
        (JSON.parse(await tableSnapshot(db, table)) as Record<string, unknown>[]).map(mask),
      );
    return {
      decisions: await masked(env.PUBLIBAC_DECISIONS_TABLE!),
      keys: await masked(env.PUBLIBAC_KEYS_TABLE!),
      files: await bucketSnapshot(s3, env.PUBLIBAC_SITE_BUCKET!, 'releases/'),
    };
  } finally {
    db.destroy();
    s3.destroy();
  }
}

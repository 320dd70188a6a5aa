import { controlTableAdapters } from '../../shared/adapters/dynamodb/control-adapters.js';
import { DynamoArmTriggers } from '../../shared/adapters/dynamodb/arm-triggers.dynamodb.js';
import { DynamoDecisionStore } from '../../shared/adapters/dynamodb/decision-store.dynamodb.js';
import { DynamoEdgeKeyValueStore } from '../../shared/adapters/dynamodb/edge-kvs.dynamodb.js';
import { LocalCdnInvalidator } from '../../shared/adapters/local-cdn-invalidator.js';
import { S3ReleaseStorage } from '../../shared/adapters/s3/release-writer.s3.js';
import type { Clock } from '../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { accessCode, sessionCodeSecret } from '../../shared/publication/access-codes.js';
import { dynamoClientFor, s3ClientFor } from './local-stack.js';

/** The publication use cases' real adapters over a test stack, with the test's clock. */
export function publicationDepsFor(env: Record<string, string>, clock: Clock) {
  const client = dynamoClientFor(env);
  const s3 = s3ClientFor(env);
  const tableName = env.PUBLIBAC_CONTROL_TABLE!;
  const triggers = new DynamoArmTriggers({ client, tableName });
  const invalidator = new LocalCdnInvalidator();
  const kvs = new DynamoEdgeKeyValueStore({ client, tableName: env.PUBLIBAC_EDGE_KVS_TABLE! });
  const deps: PublicationDeps = {
    decisions: new DynamoDecisionStore({ client, tableName: env.PUBLIBAC_DECISIONS_TABLE! }),
    ...controlTableAdapters(client, tableName),
    storage: new S3ReleaseStorage({ client: s3, bucket: env.PUBLIBAC_SITE_BUCKET! }),
    kvs,
    scheduler: triggers,
    clock,
    invalidator,
  };
  return { deps, triggers, kvs, s3, client, invalidator };
}

/** A candidate's access code, as the code export prints it (the académie's secret is made if needed). */
export async function codeOf(deps: Pick<PublicationDeps, 'lookupKeys'>, session: string, academie: string, numero: string): Promise<string> {
  return accessCode(await sessionCodeSecret(deps.lookupKeys, session, academie), numero);
}

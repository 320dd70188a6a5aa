import { loadConfig, type Capability, ALL_CAPABILITIES } from '../../shared/config.js';
import { compose } from '../../shared/composition-root.js';
import { DynamoArmTriggers } from '../../shared/adapters/dynamodb/arm-triggers.dynamodb.js';
import { LocalCdnInvalidator } from '../../shared/adapters/local-cdn-invalidator.js';
import type { Clock } from '../../shared/ports/clock.port.js';
import type { PublicationDeps } from '../../shared/publication/publication.deps.js';
import { accessCode, sessionCodeSecret } from '../../shared/publication/access-codes.js';
import { dynamoClientFor, s3ClientFor } from './local-stack.js';

/**
 * The publication use cases' real adapters over a test stack, built by the
 * product's composition root (clients pointed at the stack), with the
 * test's clock. The handles tests inspect come typed as the local adapters.
 */
export function publicationDepsFor(
  env: Record<string, string>,
  clock: Clock,
  needs: readonly Capability[] = ALL_CAPABILITIES.filter((c) => c !== 'functions'),
) {
  const client = dynamoClientFor(env);
  const s3 = s3ClientFor(env);
  const { deps } = compose(loadConfig(needs, env), { clock, clients: { dynamo: client, s3 } });
  const { scheduler: triggers, invalidator } = deps;
  if (!(triggers instanceof DynamoArmTriggers) || !(invalidator instanceof LocalCdnInvalidator))
    throw new Error('a test stack composes the local adapters');
  return { deps, triggers, kvs: deps.kvs, s3, client, invalidator };
}

/**
 * A candidate's access code, as the code export prints it (the académie's secret is made if
 * needed).
 */
export async function codeOf(
  deps: Pick<PublicationDeps, 'lookupKeys'>,
  session: string,
  academie: string,
  numero: string,
): Promise<string> {
  return accessCode(await sessionCodeSecret(deps.lookupKeys, session, academie), numero);
}

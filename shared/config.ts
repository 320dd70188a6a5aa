import { z } from 'zod';

/**
 * Physical resource names, read once from the environment and failing loudly
 * when one is missing. On AWS the CDK stacks set these variables on each
 * function; locally `publibac local` writes them to its state file and the
 * CLI applies it (see shared/local/local-state.ts). Endpoints are never here:
 * they come from the SDK's own AWS_ENDPOINT_URL_* variables.
 */
const ConfigSchema = z.object({
  PUBLIBAC_DECISIONS_TABLE: z.string().min(1),
  PUBLIBAC_CONTROL_TABLE: z.string().min(1),
  PUBLIBAC_SITE_BUCKET: z.string().min(1),
  PUBLIBAC_INGEST_BUCKET: z.string().min(1),
});

export interface Config {
  tables: { decisions: string; control: string };
  buckets: { site: string; ingest: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new ConfigError(
      `Missing configuration: ${missing}. Start the local stack (publibac local) or set these variables.`,
    );
  }
  const e = parsed.data;
  return {
    tables: { decisions: e.PUBLIBAC_DECISIONS_TABLE, control: e.PUBLIBAC_CONTROL_TABLE },
    buckets: { site: e.PUBLIBAC_SITE_BUCKET, ingest: e.PUBLIBAC_INGEST_BUCKET },
  };
}

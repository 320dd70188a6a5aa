import { ALL_CAPABILITIES, loadConfig, type Capability } from '../config.js';
import { compose, type Composed } from '../composition-root.js';
import { applyLocalStackEnv } from '../local/local-state.js';

/** Who acts is the officer's business (officer.ts: cliOfficer, cliActor), not the context's. */
export interface CliContext extends Composed {
  /** Where the commands act, for the operator (never secret). */
  target: string;
}

/** Everything but the Lambda functions, which only the admin API calls. */
const CLI_CAPABILITIES = ALL_CAPABILITIES.filter((c) => c !== 'functions');

/**
 * The adapters a command needs, from the one composition root. A running
 * `publibac local` is found through its state file (which sets
 * PUBLIBAC_MODE=local and the resources); otherwise the environment must
 * say PUBLIBAC_MODE=aws and name the resources, and the SDK's standard
 * settings reach AWS. A command asks only for the capabilities it uses, so
 * that one without, say, the pointer store still runs where it is enough.
 */
export function publicationContext(needs: readonly Capability[] = CLI_CAPABILITIES): CliContext {
  const local = applyLocalStackEnv();
  const composed = compose(loadConfig(needs));
  return {
    ...composed,
    target: local
      ? `local stack (${process.env.AWS_ENDPOINT_URL_DYNAMODB})`
      : (process.env.AWS_ENDPOINT_URL_DYNAMODB ?? `AWS ${process.env.AWS_REGION ?? ''}`.trim()),
  };
}

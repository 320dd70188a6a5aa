import { ConfigError } from '../../config.js';
import { ForbiddenError } from '../../domain/authority.js';
import { PublicationError } from '../../publication/publication.deps.js';

/**
 * Wraps a command action: a refusal (PublicationError, missing configuration,
 * a role the officer does not hold) is one message on stderr and exit
 * status 2, with nothing changed; anything else propagates (exit 1 with its
 * stack, for a bug report).
 */
export function refusals<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      if (
        !(err instanceof PublicationError) &&
        !(err instanceof ConfigError) &&
        !(err instanceof ForbiddenError)
      )
        throw err;
      process.stderr.write(`publibac: ${err.message}\n`);
      process.exitCode = 2;
    }
  };
}

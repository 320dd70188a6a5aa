// Who the CLI acts as, on the local stack: the same officer the admin API
// reads from a Cognito token, here from the configuration, so that the
// same checks run locally. PUBLIBAC_ACTOR names the actor in the audit log
// (the OS user by default); PUBLIBAC_ROLES lists the roles, spelt like the
// Cognito groups. No roles is not "every role": a command that needs one
// refuses, naming the variable.
import { userInfo } from 'node:os';
import { parseRole, type Officer, type Role } from '../domain/authority.js';
import { ConfigError } from '../config.js';

const EXAMPLE = 'PUBLIBAC_ROLES=aix-marseille:publication,aix-marseille:fraud';

/** The audit actor: PUBLIBAC_ACTOR, else the OS user. */
export function cliActor(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLIBAC_ACTOR || userInfo().username;
}

/**
 * The officer the commands act as. Refuses (ConfigError: exit 2) when
 * PUBLIBAC_ROLES is unset or empty, or names something that is no role.
 */
export function cliOfficer(env: NodeJS.ProcessEnv = process.env): Officer {
  const text = env.PUBLIBAC_ROLES?.trim();
  if (!text) {
    throw new ConfigError(
      `PUBLIBAC_ROLES is unset: say which roles you act with, e.g. ${EXAMPLE} (roles: ` +
        '<académie>:publication, <académie>:fraud, audit; the same names as the Cognito groups)',
    );
  }
  const roles: Role[] = [];
  const unknown: string[] = [];
  for (const item of text
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)) {
    const role = parseRole(item);
    if (role) roles.push(role);
    else unknown.push(item);
  }
  if (unknown.length) {
    throw new ConfigError(
      `PUBLIBAC_ROLES names no role: ${unknown.map((u) => JSON.stringify(u)).join(', ')}; ` +
        `expected <académie>:publication, <académie>:fraud or audit, e.g. ${EXAMPLE}`,
    );
  }
  return { actor: cliActor(env), roles: [...new Set(roles)] };
}

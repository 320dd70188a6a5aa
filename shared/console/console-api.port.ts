// What the console's server asks of the admin API: one route, as a signed-in
// officer. On AWS, API Gateway and the Cognito authorizer make this call; on
// the local stack, the console server does (shared/console/console-server.ts),
// and functions/admin-api/local-api.ts answers it with the deployed route
// table and handler. The console holds no use case of its own.
import type { AdminRouteKey } from '../contracts/admin-routes.js';

export interface ConsoleCall {
  route: AdminRouteKey;
  /** The signed-in user name: the audit actor, as a Cognito token's `username`. */
  username: string;
  /** Their groups, spelt like the Cognito groups (`aix-marseille:publication`). */
  groups: readonly string[];
  body: unknown;
  query: Record<string, string>;
}

export interface ConsoleAnswer {
  status: number;
  body: unknown;
}

export type ConsoleApi = (call: ConsoleCall) => Promise<ConsoleAnswer>;

import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured logger for every function (Powertools: JSON lines with
 * level, timestamp, service, cold start and request id once the handler's
 * middleware has injected the Lambda context). Callers pass counts, ids,
 * académie and session only: never a name, a birth date, a candidate
 * number, a code or a row, which is why the fields are primitives, typed
 * here, rather than whatever object is at hand.
 */
// Level from POWERTOOLS_LOG_LEVEL (or Lambda's own log level setting), INFO by default.
export const logger = new Logger({ serviceName: 'publibac' });

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export function logInfo(message: string, fields: LogFields = {}): void {
  logger.info(message, fields);
}

export function logError(message: string, err: unknown, fields: LogFields = {}): void {
  // The error's class and message only: messages of our typed errors carry no personal data, and a
  // raw SDK payload is never logged.
  const error = err instanceof Error ? `${err.name}: ${err.message}` : 'non-Error thrown';
  logger.error(message, { error, ...fields });
}

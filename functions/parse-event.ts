import type { z } from 'zod';

/**
 * The event failed its schema: the paths of what is wrong, never the values (they may be personal).
 */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
  constructor(readonly issues: readonly string[]) {
    super(`invalid event: ${issues.join('; ')}`);
  }
}

export function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/**
 * The one door of every handler: the event as Lambda delivers it (typed by
 * its source, e.g. S3Event) becomes the schema's output, or
 * InvalidEventError. A parse rather than a middleware that swaps the event,
 * so that the types follow the data without a cast.
 */
export function parseEvent<S extends z.ZodType>(schema: S, event: unknown): z.output<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) throw new InvalidEventError(issuesOf(parsed.error));
  return parsed.data;
}

import type { MiddlewareObj } from '@middy/core';
import type { z } from 'zod';

/** The event failed its schema: the paths of what is wrong, never the values (they may be personal). */
export class InvalidEventError extends Error {
  override name = 'InvalidEventError';
  constructor(readonly issues: readonly string[]) {
    super(`invalid event: ${issues.join('; ')}`);
  }
}

export function issuesOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/** A middy middleware that replaces the raw event by its parsed form, or throws InvalidEventError. */
export function parseEvent<S extends z.ZodType>(schema: S): MiddlewareObj<z.output<S>> {
  return {
    before: (request) => {
      const parsed = schema.safeParse(request.event);
      if (!parsed.success) throw new InvalidEventError(issuesOf(parsed.error));
      request.event = parsed.data;
    },
  };
}

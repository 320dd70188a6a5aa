// The local equivalent of EventBridge Scheduler: a loop in `publibac local`
// (and `npm start`) that fires due triggers: arming a publication, or
// withdrawing expired name lists. On AWS each trigger is a one-time schedule
// invoking the publish function with the same key.
import { isExpireLists, type DueTriggers } from '../ports/arm-scheduler.port.js';
import { expireLists, type ExpireListsResult } from './lists-expiry.usecase.js';
import { armPublication, type ArmResult } from './publication.usecase.js';
import type { PublicationDeps } from './publication.deps.js';
import type { Groupe } from '../domain/vocabulary.js';

export interface SchedulerOptions {
  triggers: DueTriggers;
  /** Poll period; EventBridge's own window is a minute, a second is plenty locally. */
  intervalMs?: number;
  onArm?: (key: { academie: string; session: string; groupe: Groupe }, result: ArmResult) => void;
  onExpireLists?: (key: { academie: string; session: string }, result: ExpireListsResult) => void;
  onError?: (err: unknown) => void;
}

/**
 * One pass: fires every due trigger once. Exposed for tests, which drive it
 * with an injected clock. A trigger that fell due while the loop was down
 * fires on the first pass after: the lists' step then runs late (the edge
 * has refused the lists since their expiry anyway).
 */
export async function runDueTriggers(
  deps: PublicationDeps,
  options: SchedulerOptions,
): Promise<number> {
  const due = await options.triggers.due(deps.clock.now());
  for (const trigger of due) {
    if (isExpireLists(trigger)) {
      const key = { academie: trigger.academie, session: trigger.session };
      const result = await expireLists(deps, key);
      await options.triggers.done(trigger);
      options.onExpireLists?.(key, result);
      continue;
    }
    const key = { academie: trigger.academie, session: trigger.session, groupe: trigger.groupe };
    const result = await armPublication(deps, key);
    // Removed after the step, and only if unchanged: a failed step is tried again at the next
    // tick, and a retry trigger the step just set (another instant) survives.
    await options.triggers.done(trigger);
    options.onArm?.(key, result);
  }
  return due.length;
}

export function startScheduler(
  deps: PublicationDeps,
  options: SchedulerOptions,
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = runDueTriggers(deps, options)
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 1_000);
      });
  };
  let timer = setTimeout(tick, 0);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

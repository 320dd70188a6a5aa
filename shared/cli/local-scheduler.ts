import { startScheduler } from '../publication/scheduler.js';
import { publicationContext } from './publication-context.js';

/**
 * The in-process scheduler of `publibac local` and `npm start`: fires the
 * arm and lists-expiry triggers that `publibac schedule` leaves in the control table, as
 * EventBridge Scheduler does on AWS. Call once the stack's environment is set.
 */
export function startLocalScheduler(log: (line: string) => void): { stop(): Promise<void> } {
  const { deps, triggers } = publicationContext();
  if (!triggers)
    throw new Error('the local scheduler runs on the local stack only (PUBLIBAC_MODE=local)');
  return startScheduler(deps, {
    triggers,
    onArm: (key, result) => {
      log(
        `Scheduler: ${key.academie} ${key.session} group ${key.groupe} ` +
          (result.armed
            ? `armed with release ${result.releaseId}`
            : `not armed: ${result.reason}` +
              (result.retryAt ? ` (next try ${result.retryAt.toISOString()})` : '')),
      );
    },
    onExpireLists: (key, result) => {
      log(
        `Scheduler: ${key.academie} ${key.session} name lists ` +
          (result.state === 'withdrawn'
            ? `withdrawn (expired ${result.expiresAt})`
            : result.state === 'pending'
              ? `expire at ${result.expiresAt}`
              : 'not published'),
      );
    },
    onError: (err) => {
      log(`Scheduler error: ${err instanceof Error ? err.message : String(err)}`);
    },
  });
}

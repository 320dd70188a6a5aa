import type { Groupe } from '../domain/vocabulary.js';
/**
 * One-time triggers of the scheduled publication steps: on AWS an
 * EventBridge Scheduler `at()` schedule; locally a record the in-process
 * scheduler polls. Setting a trigger replaces the previous one of the same
 * step and key.
 *
 * Two steps: arming a group's publication (the pointer, a few minutes
 * ahead), and withdrawing an académie session's name lists once they expire.
 * `step` is optional on arm triggers: those set before there were two steps
 * have none.
 */
export interface ArmTrigger {
  step?: 'arm';
  academie: string;
  session: string;
  groupe: Groupe;
  /** When to call the arm use case (UTC). */
  at: Date;
}

export interface ExpireListsTrigger {
  step: 'expire-lists';
  academie: string;
  session: string;
  /** When the lists expire (UTC). */
  at: Date;
}

export type StepTrigger = ArmTrigger | ExpireListsTrigger;
/** What names a trigger: a trigger without its instant. */
export type TriggerKey = Omit<ArmTrigger, 'at'> | Omit<ExpireListsTrigger, 'at'>;

export function isExpireLists<T extends TriggerKey>(
  t: T,
): t is Extract<T, { step: 'expire-lists' }> {
  return t.step === 'expire-lists';
}

export interface ArmScheduler {
  setTrigger(trigger: StepTrigger): Promise<void>;
  clearTrigger(t: TriggerKey): Promise<void>;
}

/** Locally: the scheduler loop asks which triggers are due and removes each once handled. */
export interface DueTriggers {
  due(now: Date): Promise<StepTrigger[]>;
  done(trigger: StepTrigger): Promise<void>;
}

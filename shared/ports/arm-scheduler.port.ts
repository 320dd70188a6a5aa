/**
 * One-time triggers that arm a publication: on AWS an EventBridge Scheduler
 * `at()` schedule; locally a record the in-process scheduler polls. Setting
 * a trigger for a plan replaces the previous one.
 */
export interface ArmTrigger {
  academie: string;
  session: string;
  groupe: 1 | 2;
  /** When to call the arm use case (UTC). */
  at: Date;
}

export interface ArmScheduler {
  setTrigger(trigger: ArmTrigger): Promise<void>;
  clearTrigger(t: Omit<ArmTrigger, 'at'>): Promise<void>;
}

/** Locally: the scheduler loop asks which triggers are due and removes each once handled. */
export interface DueTriggers {
  due(now: Date): Promise<ArmTrigger[]>;
  done(trigger: ArmTrigger): Promise<void>;
}

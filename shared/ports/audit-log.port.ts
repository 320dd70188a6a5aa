import type { Groupe } from '../domain/vocabulary.js';
/**
 * Who did what, when: every render, schedule, arm, publication, rehearsal,
 * fraud flag, takedown and withdrawal of expired name lists, every request
 * and approval of the two-person rule, and every refusal. Append-only;
 * entries carry no personal data beyond the operator's identity (a
 * candidate is named by number only where the procedure requires it, such
 * as a fraud flag).
 */
export type AuditAction =
  | 'render'
  | 'schedule'
  | 'arm'
  | 'arm-deferred'
  | 'missed'
  | 'publish'
  | 'rehearse'
  | 'rehearsal-link'
  | 'rehearsal-key-rotation'
  | 'fraud-flag'
  | 'fraud-release'
  | 'takedown'
  | 'codes-export'
  | 'expire-lists'
  /** A request that opens results early, waiting for a second officer (the two-person rule). */
  | 'publish-request'
  | 'schedule-request'
  /**
   * A second officer approved a request: the publish or schedule entry that follows carries it out.
   */
  | 'approve'
  /**
   * Anything an officer asked and was refused for want of a role, or by the two-person rule
   * (self-approval, expired request).
   */
  | 'refused';

export interface AuditEntry {
  /** UTC ISO instant. */
  at: string;
  /** The operator (CLI: the OS user; API: the token's subject), or "scheduler". */
  actor: string;
  action: AuditAction;
  academie: string;
  session: string;
  groupe: Groupe | null;
  releaseId: string | null;
  /** One line of English for the operator. */
  detail: string;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Oldest first. */
  entries(filter?: { academie?: string; session?: string }): Promise<AuditEntry[]>;
}

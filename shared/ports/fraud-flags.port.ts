/**
 * Fraud procedures held by the rectorat (memento, fiche 11): while a
 * candidate is flagged, their result is deliberated but not displayed
 * anywhere. Flags may exist before the candidate's decisions are ingested.
 */
export interface FraudFlag {
  session: string;
  academie: string;
  numero: string;
  /** Reference of the procès-verbal, when the rectorat gives one. */
  pv: string | null;
  state: 'flagged' | 'released';
  flaggedAt: string;
  flaggedBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
}

export interface FraudFlags {
  get(session: string, academie: string, numero: string): Promise<FraudFlag | undefined>;
  put(flag: FraudFlag): Promise<void>;
  /** Every flag of an académie's session, released ones included (the history stays). */
  list(session: string, academie: string): Promise<FraudFlag[]>;
}

import { RemovalPolicy } from 'aws-cdk-lib';

/** One typed config per stage: what differs between a developer's account and the académie's production. */
export interface StageConfig {
  stage: 'dev' | 'prod';
  /** Data is never deleted with the stack in prod. */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
}

export const STAGES: Record<StageConfig['stage'], StageConfig> = {
  dev: { stage: 'dev', removalPolicy: RemovalPolicy.DESTROY, deletionProtection: false },
  prod: { stage: 'prod', removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true },
};

export function stageConfig(name: unknown): StageConfig {
  if (name === undefined) return STAGES.dev;
  if (name === 'dev' || name === 'prod') return STAGES[name];
  throw new Error(`unknown stage "${String(name)}": use -c stage=dev or -c stage=prod`);
}

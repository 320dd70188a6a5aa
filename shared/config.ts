import { z } from 'zod';

/**
 * The runtime configuration, read once from the environment and validated
 * whole. The mode is explicit: `aws` (the CDK stacks set it on every
 * function) or `local` (the embedded stack writes it to its state file).
 * Each process says which capabilities it needs; every variable those need
 * in its mode must be present, or loading fails naming each missing one.
 * There is no fallback: a function on AWS without PUBLIBAC_SCHEDULE_GROUP
 * must not quietly write triggers nobody fires, nor one without
 * PUBLIBAC_DISTRIBUTION_ID report a takedown "complete" without
 * invalidating anything. Endpoints are never here: they come from the
 * SDK's own AWS_ENDPOINT_URL_* variables.
 */
export const RuntimeMode = z.enum(['aws', 'local']);
export type RuntimeMode = z.infer<typeof RuntimeMode>;

/**
 * What a process may be wired to; a port without its capability answers every call with a
 * ConfigError.
 */
export type Capability =
  | 'decisions'
  | 'control'
  | 'keys'
  | 'site'
  | 'ingest'
  | 'pointers'
  | 'scheduler'
  | 'invalidations'
  | 'functions'
  | 'replica';
export const ALL_CAPABILITIES: readonly Capability[] = [
  'decisions',
  'control',
  'keys',
  'site',
  'ingest',
  'pointers',
  'scheduler',
  'invalidations',
  'functions',
  'replica',
];

/**
 * What each Lambda function is wired to: its capabilities decide both the
 * variables it must be given (checked on its first invocation) and the
 * adapters it gets; anything else it tried to reach would refuse. The CDK
 * stacks set exactly these variables and grant exactly these resources
 * (infra/stateless.stack.ts), so code and permissions say one thing.
 */
export const FUNCTION_NEEDS = {
  ingest: ['decisions', 'ingest'],
  // 'replica': each may arm a plan, which waits for the release in the replica bucket (if any).
  render: ['decisions', 'control', 'keys', 'site', 'pointers', 'scheduler', 'replica'],
  publish: [
    'decisions',
    'control',
    'keys',
    'site',
    'pointers',
    'scheduler',
    'invalidations',
    'replica',
  ],
  fraud: [
    'decisions',
    'control',
    'keys',
    'site',
    'pointers',
    'scheduler',
    'invalidations',
    'replica',
  ],
  // No keys, no decisions, no scheduler: it reads pointers, control records and releases (to check
  // one is complete before a request), and asks the other functions for everything that writes
  // (render, fraud, publish).
  adminApi: ['control', 'site', 'pointers', 'invalidations', 'functions'],
} as const satisfies Record<string, readonly Capability[]>;
export type FunctionName = keyof typeof FUNCTION_NEEDS;

/** The variables a set of capabilities needs in a mode (the CDK stacks set these). */
export function variablesFor(needs: readonly Capability[], mode: RuntimeMode): string[] {
  return [...new Set(needs.flatMap((c) => NEEDS[c][mode].map((x) => x.name)))];
}

interface Variable {
  name: string;
  /** What it is for, in the error that names it. */
  what: string;
  pattern?: RegExp;
  /** Absent means the feature is off (the replica bucket): never an error. */
  optional?: true;
}

const ARN = /^arn:/;
const v = (name: string, what: string, pattern?: RegExp): Variable => ({
  name,
  what,
  ...(pattern ? { pattern } : {}),
});

/** A variable whose absence turns its feature off rather than failing. */
const optional = (name: string, what: string): Variable => ({ name, what, optional: true });

const FUNCTIONS = [
  v('PUBLIBAC_RENDER_FUNCTION', 'the render function the admin API queues renders to'),
  v('PUBLIBAC_FRAUD_FUNCTION', 'the fraud function the admin API calls'),
  v(
    'PUBLIBAC_PUBLISH_FUNCTION',
    'the publish function the admin API calls to schedule, approve and rotate',
  ),
];

const REPLICA = optional(
  'PUBLIBAC_SITE_REPLICA_BUCKET',
  'the replica of the site bucket in the second region',
);

// JSON (shared/ingest/write-concurrency.ts): sizes the ingest's parallel writes; unset, the
// adapter's default.
const WRITE_CAPACITY = optional(
  'PUBLIBAC_DECISIONS_WRITE_CAPACITY',
  "the decisions table's write capacity, which sizes the ingest's parallel writes",
);

/** The variables each capability needs, per mode. */
const NEEDS: Record<Capability, Record<RuntimeMode, Variable[]>> = {
  decisions: {
    aws: [v('PUBLIBAC_DECISIONS_TABLE', 'the decisions table'), WRITE_CAPACITY],
    local: [v('PUBLIBAC_DECISIONS_TABLE', 'the decisions table'), WRITE_CAPACITY],
  },
  control: {
    aws: [v('PUBLIBAC_CONTROL_TABLE', 'the control table')],
    local: [v('PUBLIBAC_CONTROL_TABLE', 'the control table')],
  },
  keys: {
    aws: [v('PUBLIBAC_KEYS_TABLE', 'the lookup keys table')],
    local: [v('PUBLIBAC_KEYS_TABLE', 'the lookup keys table')],
  },
  site: {
    aws: [v('PUBLIBAC_SITE_BUCKET', 'the site bucket')],
    local: [v('PUBLIBAC_SITE_BUCKET', 'the site bucket')],
  },
  ingest: {
    aws: [v('PUBLIBAC_INGEST_BUCKET', 'the ingest bucket')],
    local: [v('PUBLIBAC_INGEST_BUCKET', 'the ingest bucket')],
  },
  pointers: {
    aws: [v('PUBLIBAC_EDGE_KVS_ARN', 'the CloudFront KeyValueStore of pointers', ARN)],
    local: [v('PUBLIBAC_EDGE_KVS_TABLE', 'the local stand-in of the pointer store')],
  },
  scheduler: {
    aws: [
      v('PUBLIBAC_SCHEDULE_GROUP', 'the EventBridge Scheduler group of arm triggers'),
      v(
        'PUBLIBAC_SCHEDULER_ROLE_ARN',
        'the role Scheduler assumes to invoke the publish function',
        ARN,
      ),
      v('PUBLIBAC_PUBLISH_FUNCTION_ARN', 'the publish function the schedules invoke', ARN),
    ],
    local: [
      v(
        'PUBLIBAC_CONTROL_TABLE',
        'the control table, where the local scheduler finds its triggers',
      ),
    ],
  },
  invalidations: {
    aws: [
      v('PUBLIBAC_DISTRIBUTION_ID', 'the CloudFront distribution to invalidate after a takedown'),
    ],
    local: [],
  },
  // Locally there are no Lambda functions: the handler tests name stand-ins and stub the client.
  functions: { aws: FUNCTIONS, local: FUNCTIONS },
  // The site bucket's copy in a second region (S3 Replication): when set, a release is armed only
  // once it is complete there too. Unset (one region, or locally by default): no such wait.
  replica: {
    aws: [REPLICA],
    local: [REPLICA],
  },
};

export interface RuntimeConfig {
  mode: RuntimeMode;
  capabilities: ReadonlySet<Capability>;
  /** The variables of the capabilities asked for, validated. */
  values: Readonly<Record<string, string>>;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * `selfArn`: a function may stand for PUBLIBAC_PUBLISH_FUNCTION_ARN itself
 * (the publish function cannot be given its own ARN as a variable: a cycle).
 */
export function loadConfig(
  needs: readonly Capability[],
  env: NodeJS.ProcessEnv = process.env,
  options: { selfArn?: string } = {},
): RuntimeConfig {
  const mode = RuntimeMode.safeParse(env.PUBLIBAC_MODE);
  if (!mode.success) {
    throw new ConfigError(
      'PUBLIBAC_MODE must be "aws" or "local" (got ' +
        `${env.PUBLIBAC_MODE === undefined ? 'nothing' : JSON.stringify(env.PUBLIBAC_MODE)}). ` +
        'Start the local stack (publibac local), or set the variables the CDK stacks set.',
    );
  }
  const given: Record<string, string | undefined> = {
    ...env,
    ...(options.selfArn && !env.PUBLIBAC_PUBLISH_FUNCTION_ARN
      ? { PUBLIBAC_PUBLISH_FUNCTION_ARN: options.selfArn }
      : {}),
  };
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const variable of new Map(
    needs.flatMap((c) => NEEDS[c][mode.data]).map((x) => [x.name, x]),
  ).values()) {
    const value = given[variable.name];
    if (!value) {
      if (!variable.optional) problems.push(`${variable.name} (${variable.what}) is unset`);
    } else if (variable.pattern && !variable.pattern.test(value))
      problems.push(`${variable.name} (${variable.what}) is not an ARN: ${JSON.stringify(value)}`);
    else values[variable.name] = value;
  }
  if (problems.length)
    throw new ConfigError(
      `Configuration incomplete (PUBLIBAC_MODE=${mode.data}): ${problems.join('; ')}.`,
    );
  return { mode: mode.data, capabilities: new Set(needs), values };
}

/**
 * A variable of a capability the configuration was loaded with (loadConfig checked it is there).
 */
export function setting(config: RuntimeConfig, capability: Capability, name: string): string {
  const value = config.values[name];
  if (!config.capabilities.has(capability) || value === undefined) {
    throw new ConfigError(
      `${name} was not loaded: this process was not configured with "${capability}"`,
    );
  }
  return value;
}

/**
 * An optional variable of a capability: undefined when unset (its feature is off), or when the
 * process was not configured with the capability at all.
 */
export function optionalSetting(
  config: RuntimeConfig,
  capability: Capability,
  name: string,
): string | undefined {
  return config.capabilities.has(capability) ? config.values[name] : undefined;
}

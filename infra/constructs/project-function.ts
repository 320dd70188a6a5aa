import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  ApplicationLogLevel,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag-acknowledgements.js';
import type { StageConfig } from '../stage-config.js';

export const ROOT = join(import.meta.dirname, '../..');

export interface ProjectFunctionProps {
  config: StageConfig;
  /** Path of the handler file from the repository root, e.g. functions/ingest/handler.ts. */
  entry: string;
  description: string;
  memorySize?: number;
  timeout?: Duration;
  /** Concurrency kept for this function alone, and its ceiling (unset: the account's pool). */
  reservedConcurrentExecutions?: number;
  environment?: Record<string, string>;
  /** Extra files the bundle needs at run time (the page assets of the functions that render). */
  commandHooks?: ICommandHooks;
}

/**
 * Every function of the project, with the same defaults: Node.js 22 on
 * ARM64 (Graviton, about 20 % cheaper per GB-second), one ESM bundle per
 * function made by the esbuild installed in node_modules (never Docker, so
 * `cdk synth` works offline), source maps, structured JSON logs in a log
 * group of its own with the stage's retention (no log-retention custom resource).
 */
export class ProjectFunction extends Construct {
  readonly fn: NodejsFunction;
  /** The function's own role: its log group, then only what infra/grants.ts adds. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ProjectFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.config.logRetention,
      removalPolicy: props.config.removalPolicy,
    });
    // Not AWSLambdaBasicExecutionRole (logs:* on every group): writing to its own log group is all
    // it needs.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    logGroup.grantWrite(this.role);
    this.fn = new NodejsFunction(this, 'Function', {
      role: this.role,
      entry: join(ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      ...(props.reservedConcurrentExecutions !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      }),
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      // Stack traces point into the TypeScript sources (the bundle ships its .map).
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        // Bundled, not taken from the runtime: the versions tested here (and the KVS client, which
        // the runtime lacks) are the ones deployed.
        externalModules: [],
        // CommonJS dependencies call require(): give the ESM bundle one.
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = " +
          '__createRequire(import.meta.url);',
        forceDockerBundling: false,
        ...(props.commandHooks ? { commandHooks: props.commandHooks } : {}),
      },
    });
    acknowledge(
      this.fn,
      'L1',
      'Node.js 22 is the runtime the project targets (design.md section 1) and the newest LTS ' +
        'the local toolchain tests against; moving to a newer runtime is a deliberate upgrade.',
    );
  }
}

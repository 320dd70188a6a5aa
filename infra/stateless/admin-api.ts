import { Aws, CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClientIdentityProvider,
  UserPoolGroup,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ADMIN_ROUTE_KEYS, routeParts } from '../../shared/contracts/admin-routes.js';
import {
  AUDIT_ROLE,
  academieRole,
  ROLE_KINDS,
  type RoleKind,
} from '../../shared/domain/authority.js';
import { ACADEMIES } from '../../shared/domain/reference/academies.js';
import type { ProjectFunction } from '../constructs/project-function.js';
import {
  allowControlPartitions,
  allowInvalidations,
  allowInvoke,
  allowKvs,
  allowList,
  allowObjects,
} from '../grants.js';
import { acknowledge } from '../nag-acknowledgements.js';
import type { PublicationFunctions } from './publication-functions.js';
import type { StatelessResources } from './stateless-resources.js';

/** Where the distribution serves the console (infra/stateless/console-site.ts). */
export const CONSOLE_PREFIX = '/admin/';

const ROLE_DESCRIPTIONS: Record<RoleKind, string> = {
  publication:
    'render, rehearse, schedule, publish (with a second officer), approve, access codes, ' +
    'status and audit',
  fraud: 'fraud procedures (withhold, release), status and audit with fraud details',
};

/**
 * The rectorat's API: its function, officers' sign-in to the user pool (no
 * self sign-up, MFA required), and API Gateway, which checks their token
 * (JWT authorizer); the use cases check the roles the token's groups name
 * against the académie acted on. The routes are those of the route table
 * the handler serves too (shared/contracts/admin-routes.ts), so the two
 * cannot drift.
 *
 * The function is internet-facing: it reads what its routes show, records
 * requests and its own audit entries, and asks render, fraud and publish
 * for anything else. No pointer write, no schedule, no lookup key, no
 * decision.
 */
export class AdminApi extends Construct {
  readonly handler: ProjectFunction;
  readonly api: HttpApi;
  readonly userPool: UserPool;
  /** The hosted UI the console sends officers to, and the console's public client. */
  readonly domain: UserPoolDomain;
  readonly client: UserPoolClient;
  /** https://<distribution>/admin/: the OAuth callback and the one origin CORS allows. */
  readonly consoleUrl: string;

  constructor(
    scope: Construct,
    id: string,
    r: StatelessResources,
    calls: Pick<PublicationFunctions, 'render' | 'publish' | 'fraud'>,
  ) {
    super(scope, id);
    const { config } = r;
    this.handler = r.fn(
      this,
      'AdminApi',
      'adminApi',
      {
        entry: 'functions/admin-api/handler.ts',
        description: 'Admin HTTP API: render, schedule, publish, status, rehearse, audit, fraud',
      },
      {
        PUBLIBAC_RENDER_FUNCTION: calls.render.fn.functionName,
        PUBLIBAC_FRAUD_FUNCTION: calls.fraud.fn.functionName,
        PUBLIBAC_PUBLISH_FUNCTION: calls.publish.fn.functionName,
      },
    );
    const admin = this.handler;
    allowControlPartitions(admin, r.stateful.tables.control, {
      read: ['plan', 'release#*', 'takedown#*', 'approval#*', 'audit'],
      write: ['audit', 'approval#*', 'takedown#*'],
    });
    allowObjects(admin, r.siteBucket, ['s3:GetObject'], ['releases/']);
    allowList(admin, r.siteBucket, ['releases/']);
    allowKvs(admin, r.edge.keyValueStore, 'read');
    for (const called of [calls.render, calls.fraud, calls.publish]) allowInvoke(admin, called.fn);
    allowInvalidations(admin, r.edge.distribution.distributionId, ['cloudfront:GetInvalidation']);

    this.userPool = new UserPool(this, 'Officers', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.removalPolicy,
    });
    acknowledge(
      this.userPool,
      'COG8',
      'A few dozen invited officers, MFA required, no self sign-up: the Plus tier ' +
        '(per-user cost) adds risk detection this pool does not need.',
    );
    // One group per académie and role, named like the role (shared/domain/authority.ts): a
    // rectorat's officers are added to their own académie's groups only. Plus the national,
    // read-only audit reader.
    for (const academie of ACADEMIES) {
      for (const kind of ROLE_KINDS) {
        new UserPoolGroup(this, `Group-${academie.slug}-${kind}`, {
          userPool: this.userPool,
          groupName: academieRole(academie.slug, kind),
          description: `${academie.name}: ${ROLE_DESCRIPTIONS[kind]}`,
        });
      }
    }
    new UserPoolGroup(this, 'Group-audit', {
      userPool: this.userPool,
      groupName: AUDIT_ROLE,
      description:
        'National reader: status and audit of every académie, fraud details included; no action',
    });
    const consoleOrigin = `https://${r.edge.distribution.distributionDomainName}`;
    this.consoleUrl = `${consoleOrigin}${CONSOLE_PREFIX}`;
    // The hosted UI's prefix is global to the region: the account id keeps stages of different
    // accounts apart.
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: `publibac-${config.stage}-${Aws.ACCOUNT_ID}` },
    });
    // A browser client, so no secret: the authorization code is bound to the page that asked
    // for it by PKCE (the console always sends an S256 challenge, and Cognito then refuses the
    // code without its verifier). The callback and sign-out address are the console only.
    const client = this.userPool.addClient('AdminClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [OAuthScope.OPENID],
        callbackUrls: [this.consoleUrl],
        logoutUrls: [this.consoleUrl],
      },
    });
    this.client = client;

    const authorizer = new HttpUserPoolAuthorizer('Officers', this.userPool, {
      userPoolClients: [client],
    });
    this.api = new HttpApi(this, 'Api', {
      description: `Publibac ${config.stage} admin API`,
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
      // The console's page is on the distribution, the API on its own origin: the browser asks
      // first (preflight, answered by API Gateway without the authorizer), for that origin only.
      corsPreflight: {
        allowOrigins: [consoleOrigin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetention,
      removalPolicy:
        config.removalPolicy === RemovalPolicy.RETAIN
          ? RemovalPolicy.RETAIN
          : RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // A handful of officers: a low ceiling stops a leaked token from hammering the use cases.
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    const integration = new HttpLambdaIntegration('Handler', admin.fn);
    for (const key of ADMIN_ROUTE_KEYS) {
      const { method, path } = routeParts(key);
      this.api.addRoutes({ path, methods: [HttpMethod[method]], integration });
    }

    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(scope, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(scope, 'UserPoolClientId', { value: client.userPoolClientId });
  }
}

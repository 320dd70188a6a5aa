// The rectorat console on AWS: hosted UI, public PKCE client, CORS, the /admin behaviour and the
// deployment of the console's files (infra/stateless/admin-api.ts, console-site.ts,
// edge.stack.ts).
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/publibac-app.js';
import { awsPage } from '../../infra/stateless/console-site.js';

let edge: Template;
let stateless: Template;
const json = (x: unknown) => JSON.stringify(x);

beforeAll(() => {
  const built = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'dev');
  edge = Template.fromStack(built.edge);
  stateless = Template.fromStack(built.stateless);
});

/** The distribution's domain as the stateless stack imports it, in an expression's JSON. */
const DISTRIBUTION = /Distribution[A-Za-z0-9]*DomainName/;

describe('Cognito for the console', () => {
  it('has a hosted-UI domain', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: Match.anyValue(),
      UserPoolId: Match.anyValue(),
    });
  });

  it('has a public client with the code grant only, called back on the console', () => {
    const clients = Object.values(stateless.findResources('AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const p = clients[0]!.Properties as Record<string, unknown>;
    expect(p.GenerateSecret).toBe(false);
    expect(p.AllowedOAuthFlows).toEqual(['code']);
    expect(p.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(p.SupportedIdentityProviders).toEqual(['COGNITO']);
    for (const urls of [p.CallbackURLs, p.LogoutURLs]) {
      expect(urls).toHaveLength(1);
      expect(json(urls)).toMatch(DISTRIBUTION);
      expect(json(urls)).toMatch(/"https:\/\/",.*"\/admin\/"/);
    }
  });

  it("lets the API's authorizer accept that client's tokens", () => {
    const [clientId] = Object.keys(stateless.findResources('AWS::Cognito::UserPoolClient'));
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [{ Ref: clientId }] },
    });
  });

  it("allows the console's origin alone, with the Authorization header", () => {
    const [api] = Object.values(stateless.findResources('AWS::ApiGatewayV2::Api'));
    const cors = api!.Properties.CorsConfiguration as Record<string, unknown>;
    expect(cors.AllowOrigins).toHaveLength(1);
    expect(json(cors.AllowOrigins)).toMatch(DISTRIBUTION);
    expect(cors.AllowHeaders).toEqual(['authorization', 'content-type']);
    expect(cors.AllowCredentials).toBeUndefined();
  });
});

describe('console files', () => {
  it('deploys page, script, styles and config under admin/, no-store, pruned there only', () => {
    const [deployment] = Object.values(stateless.findResources('Custom::CDKBucketDeployment'));
    const p = deployment!.Properties as Record<string, unknown>;
    expect(p.DestinationBucketKeyPrefix).toBe('admin/');
    expect(p.Prune).toBe(true);
    expect(p.SystemMetadata).toEqual({ 'cache-control': 'no-store' });
    // index.html, console.js, dsfr.css, console.css, config.json.
    expect(p.SourceObjectKeys).toHaveLength(5);
    // config.json names the API, the hosted UI and the client: resolved at deploy.
    const markers = json(p.SourceMarkers);
    expect(markers).toMatch(/"Fn::GetAtt":\["AdminApi[A-Za-z0-9]*","ApiEndpoint"\]/);
    expect(markers).toMatch(/"Ref":"AdminApiOfficersHostedUi[A-Za-z0-9]*"/);
    expect(markers).toMatch(/"Ref":"AdminApiOfficersAdminClient[A-Za-z0-9]*"/);
  });

  it('marks the deployed page so its script reads config.json, the local page not', () => {
    const page = awsPage();
    expect(page).toContain('<meta name="publibac-console-config" content="/admin/config.json">');
    expect(page).toContain('<script type="module" src="/admin/console.js"></script>');
    expect(page).not.toMatch(/<script>|\son[a-z]+=/);
  });

  it('lets the distribution read admin/*', () => {
    expect(json(edge.findResources('AWS::S3::BucketPolicy'))).toContain('/admin/*');
  });
});

describe('the /admin behaviour', () => {
  const behaviour = () => {
    const [d] = Object.values(edge.findResources('AWS::CloudFront::Distribution'));
    const all = d!.Properties.DistributionConfig.CacheBehaviors as Record<string, unknown>[];
    return all.find((b) => b.PathPattern === '/admin*');
  };

  it('is uncached and runs the console function, not the public one', () => {
    const b = behaviour();
    expect(b?.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(json(b?.FunctionAssociations)).toMatch(/ConsoleRequest/);
    expect(json(b?.FunctionAssociations)).not.toMatch(/ViewerRequest/);
  });

  it("answers with the console's CSP, noindex and no-store", () => {
    const policies = edge.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const id = json(behaviour()?.ResponseHeadersPolicyId).match(/"(ConsoleHeaders[^"]*)"/)?.[1];
    const config = policies[id ?? '']?.Properties.ResponseHeadersPolicyConfig;
    const csp = json(config.SecurityHeadersConfig.ContentSecurityPolicy);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' https:\/\/\*\.execute-api\./);
    expect(csp).toContain('amazoncognito.com');
    expect(config.CustomHeadersConfig.Items).toEqual(
      expect.arrayContaining([
        { Header: 'Cache-Control', Value: 'no-store', Override: true },
        { Header: 'X-Robots-Tag', Value: 'noindex, nofollow', Override: true },
      ]),
    );
  });
});

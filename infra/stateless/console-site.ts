import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { AWS_CONFIG_META } from '../../shared/console/console-auth.js';
import { consolePage } from '../../shared/console/console-pages.js';
import { CONSOLE_CSS } from '../../shared/console/console-server.js';
import { CONSOLE_CSS_OUT, CONSOLE_SCRIPT_OUT } from '../../static-site/build-assets.js';
import { acknowledge, acknowledgeManagedRole } from '../nag-acknowledgements.js';
import { CONSOLE_PREFIX, type AdminApi } from './admin-api.js';
import type { StatelessResources } from './stateless-resources.js';

const ROOT = join(import.meta.dirname, '../..');

function built(path: string): string {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    throw new Error(`${path} is missing: run \`npm run build:assets\` before synth`);
  }
}

/** The console page with the meta that sends its script to config.json (console-auth.ts). */
export function awsPage(): string {
  const page = consolePage();
  const meta = `<meta name="${AWS_CONFIG_META}" content="${CONSOLE_PREFIX}config.json">`;
  const marked = page.replace('<head>\n', `<head>\n${meta}\n`);
  if (marked === page) throw new Error('the console page has no <head> to mark');
  return marked;
}

/**
 * The rectorat console on AWS: the very page, script and styles the local console serves
 * (shared/console/console-server.ts), written under admin/ of the site bucket, which the
 * distribution serves at /admin/ (infra/edge.stack.ts), plus config.json, which tells the
 * script where the admin API and the hosted UI are. Here rather than in the edge stack because
 * those addresses are made here. Everything is stored no-store: a console must never show a
 * cached page after a deploy or a sign-out.
 */
export class ConsoleSite extends Construct {
  constructor(scope: Construct, id: string, r: StatelessResources, admin: AdminApi) {
    super(scope, id);
    const config = {
      apiUrl: admin.api.apiEndpoint,
      authDomain: admin.domain.baseUrl(),
      clientId: admin.client.userPoolClientId,
    };
    new BucketDeployment(this, 'Files', {
      sources: [
        Source.data('index.html', awsPage()),
        Source.data('console.js', built(CONSOLE_SCRIPT_OUT)),
        // Served as /admin/dsfr.css locally too: the DSFR subset the build made for the console.
        Source.data('dsfr.css', built(CONSOLE_CSS_OUT)),
        Source.data('console.css', CONSOLE_CSS),
        Source.jsonData('config.json', config),
      ],
      destinationBucket: Bucket.fromBucketName(this, 'Site', r.siteBucket),
      destinationKeyPrefix: CONSOLE_PREFIX.slice(1),
      cacheControl: [CacheControl.noStore()],
      // Pruning stays inside admin/: releases and everything else are never touched.
      prune: true,
    });
    const deployer = Stack.of(this)
      .node.findAll()
      .find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (deployer) {
      const why =
        "CDK-managed BucketDeployment handler that copies the console's files at deploy time; " +
        'its role and runtime are set by aws-cdk-lib.';
      acknowledge(
        deployer,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:' +
          'policy/service-role/AWSLambdaBasicExecutionRole]',
        why,
      );
      acknowledge(deployer, 'L1', why);
      acknowledgeManagedRole(deployer, why);
    }
  }
}

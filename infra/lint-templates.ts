// `npm run lint:cfn`: synthesises both stages (bundling skipped: the
// templates are otherwise those deployed) and runs cfn-lint on every
// template. cfn-lint is a Python tool (pip install cfn-lint); it is not in
// `npm test` because CI machines here reach no Python index.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildApp } from './publibac-app.js';

const out = join(import.meta.dirname, '../cdk.out/lint');
const templates: string[] = [];
for (const stage of ['dev', 'prod']) {
  const dir = join(out, stage);
  const app = new App({ outdir: dir, context: { 'aws:cdk:bundling-stacks': [] } });
  buildApp(app, stage);
  app.synth();
  templates.push(
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => join(dir, f)),
  );
}
const lint = spawnSync('cfn-lint', templates, { stdio: 'inherit' });
if (lint.error) {
  console.error(`cfn-lint could not run (${lint.error.message}): pip install cfn-lint`);
  process.exit(2);
}
// cfn-lint exits 2 for errors, 4 for warnings only, 0 when clean: only errors fail.
process.exit(lint.status !== null && (lint.status & 2) !== 0 ? 1 : 0);

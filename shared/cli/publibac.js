#!/usr/bin/env node
// Entry point of the `publibac` command. The CLI is TypeScript run through
// tsx, so `npx publibac ...` works straight after `npm install`, no build.
import process from 'node:process';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv);

import type { Command } from 'commander';
import { register as registerCodes } from './codes.command.js';
import { register as registerDemo } from './demo.command.js';
import { register as registerFraud } from './fraud.command.js';
import { register as registerGenerate } from './generate.command.js';
import { register as registerIngest } from './ingest.command.js';
import { register as registerLocal } from './local.command.js';
import { register as registerPublish } from './publish.command.js';
import { register as registerRender } from './render.command.js';
import { register as registerStats } from './stats.command.js';

/** Every command module exports `register(program)`; the list lives here only. */
export function registerCommands(program: Command): void {
  registerLocal(program);
  registerGenerate(program);
  registerIngest(program);
  registerRender(program);
  registerPublish(program);
  registerCodes(program);
  registerFraud(program);
  registerDemo(program);
  registerStats(program);
}

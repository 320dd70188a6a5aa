import type { Command } from 'commander';

/** Every command module exports `register(program)`; the list lives here only. */
export function registerCommands(_program: Command): void {}

import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';

/** Builds the `publibac` program; each command module registers itself. */
export function buildProgram(): Command {
  const program = new Command('publibac')
    .description('Publication of baccalauréat results: ingest, render, schedule, publish, audit.')
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program);
  return program;
}

/**
 * Runs the CLI and returns the exit status: 0 success, 2 rejected input
 * (commands set it themselves), 1 any other failure.
 */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    // Message only: a stack or raw error object could carry personal data.
    process.stderr.write(`publibac: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

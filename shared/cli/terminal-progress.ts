import cliProgress from 'cli-progress';
import type { Progress } from '../ports/byte-source.port.js';
import { silentProgress } from '../ports/byte-source.port.js';

const STEPS: Record<string, string> = { check: 'Checking', write: 'Writing ' };

/** A progress bar on stderr when it is a terminal; silent otherwise (CI, pipes, logs). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return silentProgress;
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(step, total) {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format:
            `${STEPS[step] ?? step} {bar} {percentage}% | {mb} of {totalMb} MB | ` +
            '{duration_formatted}',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0, { mb: '0.0', totalMb: (total / 1e6).toFixed(1) });
    },
    update(done) {
      bar?.update(done, { mb: (done / 1e6).toFixed(1) });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** A bar counting items (candidates, files) on stderr when it is a terminal. */
export function countProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!stream.isTTY) return silentProgress;
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(_step, total) {
      bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${label} {bar} {percentage}% | {value}/{total} | {duration_formatted}`,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0);
    },
    update(done) {
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

// The size the fault scenarios run at. `npm test` runs them small, to stay
// fast; the bench's `faults` part (test/bench/faults.child.ts) runs the same
// tests with FAULT_SIZE=full: an académie of 30,000 candidates, the size the
// issue's targets name, where a kill or an outage strikes among thousands of
// writes and objects rather than dozens.
export const FULL_SIZE = process.env.FAULT_SIZE === 'full';
export const FULL_CANDIDATES = 30_000;

/** Candidates of a scenario: `small` in `npm test`, FULL_CANDIDATES at full size. */
export function faultCandidates(small: number): number {
  return FULL_SIZE ? FULL_CANDIDATES : small;
}

/** A test's time limit: `smallMs` in `npm test`, half an hour at full size on two cores. */
export function faultTimeout(smallMs: number): number {
  return FULL_SIZE ? 30 * 60_000 : smallMs;
}

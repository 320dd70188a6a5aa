// Watches a URL of the site across a publication instant, as a candidate
// refreshing the page would: used by `npm start` and the flip benchmark.

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface FlipObservation {
  /** Status answered just before the instant (404 when nothing was public yet). */
  before: number;
  /** Milliseconds from the instant to the first answer of the new release. */
  latencyMs: number;
}

/**
 * Polls `url` every `pollMs` from a little before `instantMs` and returns
 * how long after the instant the new release answered: the first 200 when
 * nothing was public before, or else the first 200 whose body differs from
 * the one served just before (a second-group release replacing the first).
 * Throws if the change shows before the instant, or not within `timeoutMs`.
 */
export async function observeFlip(
  url: string,
  instantMs: number,
  options: { pollMs?: number; timeoutMs?: number } = {},
): Promise<FlipObservation> {
  const pollMs = options.pollMs ?? 10;
  const deadline = instantMs + (options.timeoutMs ?? 30_000);
  const get = async () => {
    const res = await fetch(url, { cache: 'no-store' });
    return { status: res.status, body: await res.text() };
  };
  if (Date.now() < instantMs - 500) await sleep(instantMs - 500 - Date.now());
  if (Date.now() >= instantMs)
    throw new Error('observeFlip started after the instant: nothing to compare with');
  const baseline = await get();
  const opened = (a: { status: number; body: string }) =>
    a.status === 200 && (baseline.status !== 200 || a.body !== baseline.body);
  for (;;) {
    const answer = await get();
    const at = Date.now();
    if (opened(answer) && at >= instantMs)
      return { before: baseline.status, latencyMs: at - instantMs };
    if (opened(answer)) throw new Error(`${url} changed ${instantMs - at} ms before the instant`);
    if (at > deadline)
      throw new Error(`${url} unchanged (${answer.status}) ${at - instantMs} ms after the instant`);
    await sleep(pollMs);
  }
}

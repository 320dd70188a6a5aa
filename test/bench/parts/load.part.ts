// Load on the request path at the flip (issue 14, item 4): thousands of
// concurrent lookups through the local CDN on loopback while the pointer
// flips; no error and no response from the wrong side of the instant.
import { startTestStack } from '../../support/local-stack.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

interface LoadResult {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  before: number;
  after: number;
  wrong: number;
  unknown: number;
  maxRssMB: number;
}

/** LOAD_CONNECTIONS and LOAD_SECONDS override the defaults (2,000 connections for 20 s). */
export const loadPart: BenchPart = {
  name: 'load',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('load')];
    const stack = await startTestStack();
    try {
      const r = await child<LoadResult>(
        'load.child.ts',
        [process.env.LOAD_CONNECTIONS ?? '2000', process.env.LOAD_SECONDS ?? '20'],
        { ...process.env, ...stack.env },
      );
      figures.push(
        figure('load.connections', r.connections, 'connections'),
        figure('load.requests', r.requests, 'requests'),
        figure('load.requests_per_second', Math.round(r.requestsPerSecond), 'req/s'),
        figure('load.latency_p50_ms', r.p50Ms, 'ms'),
        figure('load.latency_p99_ms', r.p99Ms, 'ms'),
        figure('load.errors', r.errors + r.non2xx, 'responses', { le: 0 }),
        figure('load.timeouts', r.timeouts, 'requests'),
        figure('load.wrong_release', r.wrong + r.unknown, 'responses', { le: 0 }),
        // Both sides of the instant were served: the flip happened under load.
        figure('load.before_flip', r.before, 'responses'),
        figure('load.after_flip', r.after, 'responses'),
        figure('load.peak_rss_mb', Math.round(r.maxRssMB), 'MB'),
      );
    } finally {
      await stack.stop();
    }
    return figures;
  },
};

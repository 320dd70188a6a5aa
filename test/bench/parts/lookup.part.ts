// The lookup on a slow phone (Chromium, CPU throttled) through the local
// CDN. Needs a browser, so it runs only when named: `npm run bench -- lookup`.
import { startTestStack } from '../../support/local-stack.js';
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const lookupPart: BenchPart = {
  name: 'lookup',
  inDefaultRun: false,
  async run() {
    const figures = [loadFigure('lookup')];
    const stack = await startTestStack();
    try {
      const r = await child<{ candidates: number; slowdown: number; timings: number[] }>(
        'lookup-phone.child.ts',
        ['30000', '4'],
        { ...process.env, ...stack.env },
      );
      const rest = [...r.timings.slice(1)].sort((a, b) => a - b);
      figures.push(
        figure('lookup.phone.first_ms', r.timings[0]!, 'ms'),
        figure('lookup.phone.median_ms', rest[Math.floor(rest.length / 2)]!, 'ms'),
        figure('lookup.phone.max_ms', rest.at(-1)!, 'ms'),
      );
    } finally {
      await stack.stop();
    }
    return figures;
  },
};

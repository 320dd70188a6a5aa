// The viewer-request function: cost per request in the local CDN's harness,
// and its code size against CloudFront Functions' limits (10 KB of code,
// under 1 ms of compute).
import { child, figure, loadFigure, type BenchPart } from '../figures.js';

export const edgePart: BenchPart = {
  name: 'edge',
  inDefaultRun: true,
  async run() {
    const figures = [loadFigure('edge')];
    const r = await child<{ microseconds: number; codeBytes: number }>('edge.child.ts', ['200000']);
    figures.push(
      figure('edge.us_per_request', r.microseconds, 'µs', { lt: 1000 }),
      figure('edge.code_bytes', r.codeBytes, 'B', { le: 10_240 }),
    );
    return figures;
  },
};

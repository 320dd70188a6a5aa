// Static SVG bar charts, inline in the page: no script, no style attribute
// (the CSP allows neither), presentation attributes only. Each chart has a
// <title> and a <desc> that spell out every value, and the same figures are
// in an accessible table next to it: the chart is a picture of the table.
import { escapeHtml } from '../site/html.js';

export interface Bar {
  label: string;
  /** Bar length as a share of the axis, 0..1. */
  share: number;
  /** The value as printed at the end of the bar: "89,5 %". */
  text: string;
}

export interface BarChart {
  /** Unique in the page; used for aria ids. */
  id: string;
  title: string;
  /** Sentence(s) given to assistive technologies, with every value. */
  description: string;
  bars: readonly Bar[];
}

const WIDTH = 640;
const LABEL_W = 230;
const VALUE_W = 70;
const BAR_H = 22;
const GAP = 8;
const BLUE = '#000091';

/** Coordinates with at most one decimal, so the bytes never depend on float noise. */
const n = (x: number) => String(Math.round(x * 10) / 10);

export function barChartSvg(chart: BarChart): string {
  const plot = WIDTH - LABEL_W - VALUE_W;
  const height = chart.bars.length * (BAR_H + GAP) + GAP;
  const rows = chart.bars.map((b, i) => {
    const y = GAP + i * (BAR_H + GAP);
    const w = Math.max(0, Math.min(1, b.share)) * plot;
    const mid = y + BAR_H / 2 + 5;
    return [
      `  <text x="${LABEL_W - 8}" y="${n(mid)}" text-anchor="end" font-size="13" ` +
        `fill="#161616">${escapeHtml(b.label)}</text>`,
      `  <rect x="${LABEL_W}" y="${n(y)}" width="${n(w)}" height="${BAR_H}" fill="${BLUE}"/>`,
      `  <text x="${n(LABEL_W + w + 6)}" y="${n(mid)}" font-size="13" ` +
        `fill="#161616">${escapeHtml(b.text)}</text>`,
    ].join('\n');
  });
  const id = escapeHtml(chart.id);
  return [
    `<figure class="graphique">`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" ` +
      `role="img" aria-labelledby="${id}-titre ${id}-desc">`,
    `  <title id="${id}-titre">${escapeHtml(chart.title)}</title>`,
    `  <desc id="${id}-desc">${escapeHtml(chart.description)}</desc>`,
    `  <line x1="${LABEL_W}" y1="0" x2="${LABEL_W}" y2="${height}" stroke="#666" ` +
      `stroke-width="1"/>`,
    ...rows,
    `</svg>`,
    `<figcaption>${escapeHtml(chart.title)}</figcaption>`,
    `</figure>`,
  ].join('\n');
}

// Server-rendered SVG charts for dashboards and budget reports: a trend line per indicator and variance bars. Each
// SVG has role="img", a <title> and a <desc> with the chart in words; the page prints the same words beside it.
import { createHash } from 'node:crypto';
import type { BarChart, LineChart, ReportChart } from '../domain/data-report.js';
import { numberFormat } from '../domain/indicators.js';

const TWO_PLACES = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (n: number) => (Math.abs(n) >= 100 ? numberFormat(0).format(Math.round(n)) : TWO_PLACES.format(n));

/**
 * The chart's id in the page, from what it shows: the same chart gets the same id on every render, so an unchanged
 * page has an unchanged body and ETag (a counter made every render differ, and no request ever got a 304).
 */
function chartId(c: ReportChart, json = JSON.stringify(c)): string {
  return `chart-${createHash('sha1').update(json).digest('hex').slice(0, 12)}`;
}

/**
 * Drawn charts by what they show (the chart's JSON): a chart is a pure function of its data, so a page rendered
 * again from unchanged figures reuses the SVG instead of drawing it again. Bounded; the oldest entry goes first.
 */
const drawn = new Map<string, string>();
const MAX_DRAWN = 1000;

function memo(c: ReportChart, draw: (c: never, id: string) => string): string {
  const json = JSON.stringify(c);
  const hit = drawn.get(json);
  if (hit !== undefined) return hit;
  const svg = draw(c as never, chartId(c, json));
  if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value as string);
  drawn.set(json, svg);
  return svg;
}

function ticks(min: number, max: number, count = 4): number[] {
  const span = max - min || Math.abs(max) || 1;
  const step0 = span / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

export function lineChartSvg(c: LineChart): string {
  return memo(c, drawLine);
}

function drawLine(c: LineChart, id: string): string {
  const W = 640, H = 260, L = 64, R = 16, T = 16, B = 44;
  const values = [...c.points.map((p) => p.value), ...(c.target !== null ? [c.target] : []), ...(c.floor !== null ? [c.floor] : [])];
  let min = Math.min(...values), max = Math.max(...values);
  if (min === max) { min -= 1; max += 1; }
  const pad = (max - min) * 0.1;
  const ts = ticks(min - pad, max + pad);
  const lo = ts[0], hi = ts[ts.length - 1];
  const x = (i: number) => L + (c.points.length === 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (c.points.length - 1));
  const y = (v: number) => T + ((hi - v) * (H - T - B)) / (hi - lo || 1);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="moot-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">`);
  parts.push(`<title id="${id}-t">${esc(c.title)}</title><desc id="${id}-d">${esc(c.description)}</desc>`);
  for (const t of ts) parts.push(`<line x1="${L}" x2="${W - R}" y1="${y(t)}" y2="${y(t)}" class="moot-chart__grid"/><text x="${L - 6}" y="${y(t) + 4}" text-anchor="end" class="moot-chart__axis">${esc(fmt(t))}</text>`);
  if (c.target !== null) parts.push(`<line x1="${L}" x2="${W - R}" y1="${y(c.target)}" y2="${y(c.target)}" class="moot-chart__target"/><text x="${W - R}" y="${y(c.target) - 4}" text-anchor="end" class="moot-chart__label">Target ${esc(fmt(c.target))}</text>`);
  if (c.floor !== null) parts.push(`<line x1="${L}" x2="${W - R}" y1="${y(c.floor)}" y2="${y(c.floor)}" class="moot-chart__floor"/><text x="${W - R}" y="${y(c.floor) + 14}" text-anchor="end" class="moot-chart__label">Floor ${esc(fmt(c.floor))}</text>`);
  parts.push(`<polyline fill="none" class="moot-chart__line" points="${c.points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}"/>`);
  c.points.forEach((p, i) => {
    parts.push(`<circle cx="${x(i)}" cy="${y(p.value)}" r="4" class="moot-chart__point"/>`);
    if (c.points.length <= 12 || i % Math.ceil(c.points.length / 12) === 0) parts.push(`<text x="${x(i)}" y="${H - B + 18}" text-anchor="middle" class="moot-chart__axis">${esc(p.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export function barChartSvg(c: BarChart): string {
  return memo(c, drawBars);
}

function drawBars(c: BarChart, id: string): string {
  const rowH = 28, L = 260, R = 80, T = 8;
  const W = 640, H = T * 2 + rowH * c.bars.length;
  const maxAbs = Math.max(1, ...c.bars.map((b) => Math.abs(b.value)));
  const hasNeg = c.bars.some((b) => b.value < 0);
  const hasPos = c.bars.some((b) => b.value > 0);
  const zero = hasNeg && hasPos ? L + (W - L - R) / 2 : hasNeg ? W - R : L;
  const scale = (hasNeg && hasPos ? (W - L - R) / 2 : W - L - R) / maxAbs;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="moot-chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">`);
  parts.push(`<title id="${id}-t">${esc(c.title)}</title><desc id="${id}-d">${esc(c.description)}</desc>`);
  c.bars.forEach((b, i) => {
    const yTop = T + i * rowH + 4;
    const w = Math.abs(b.value) * scale;
    const xStart = b.value >= 0 ? zero : zero - w;
    const label = b.label.length > 38 ? `${b.label.slice(0, 36)}…` : b.label;
    parts.push(`<text x="${L - 8}" y="${yTop + 15}" text-anchor="end" class="moot-chart__axis">${esc(label)}</text>`);
    parts.push(`<rect x="${xStart}" y="${yTop}" width="${Math.max(w, 1)}" height="${rowH - 8}" class="${b.value > 0 ? 'moot-chart__bar--over' : 'moot-chart__bar--under'}"/>`);
    parts.push(`<text x="${b.value >= 0 ? xStart + w + 4 : xStart - 4}" y="${yTop + 15}" text-anchor="${b.value >= 0 ? 'start' : 'end'}" class="moot-chart__label">${esc(fmt(b.value))}</text>`);
  });
  parts.push(`<line x1="${zero}" x2="${zero}" y1="${T}" y2="${H - T}" class="moot-chart__zero"/>`);
  parts.push('</svg>');
  return parts.join('');
}

export function chartSvg(c: ReportChart): string {
  return c.kind === 'line' ? lineChartSvg(c) : barChartSvg(c);
}

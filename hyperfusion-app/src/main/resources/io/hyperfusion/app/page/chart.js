// The predicted score for each posting hour of the next 7 days (from /v1/advise), drawn as an SVG line in the
// author's time zone, days shaded, the best slots marked with their rank and the draft's own time with a line.
// Every hour has a hover title; the ranked list beside the chart carries the same facts for keyboards and readers.

import * as f from './format.js';
import * as z from './zones.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 720;
const H = 230;
const PAD = { left: 40, right: 10, top: 34, bottom: 34 };

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    e.setAttribute(k, String(v));
  }
  if (text != null) {
    e.textContent = text;
  }
  return e;
}

/** Three round values spanning [lo, hi]. */
function ticks(lo, hi) {
  const span = hi - lo || 1;
  const step = [0.1, 0.2, 0.25, 0.5, 1, 2, 5].find((s) => span / s <= 4) || 5;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
    out.push(Math.round(v * 100) / 100);
  }
  return out;
}

/**
 * Draws the chart into container.
 *
 * @param slots   [{time, popularity_score}] as /v1/advise answers them (best first)
 * @param best    how many of the first slots to mark
 * @param chosen  the draft's posting instant (ms) or null
 */
export function render(container, slots, zone, best, chosen) {
  f.clear(container);
  const byTime = slots.map((s) => ({ ms: Date.parse(s.time), score: s.popularity_score, time: s.time }))
    .sort((a, b) => a.ms - b.ms);
  if (byTime.length === 0) {
    return;
  }
  const t0 = byTime[0].ms;
  const hours = byTime.length;
  let lo = Math.min(...byTime.map((s) => s.score));
  let hi = Math.max(...byTime.map((s) => s.score));
  const margin = Math.max(0.05, (hi - lo) * 0.12);
  lo -= margin;
  hi += margin;
  const x = (ms) => PAD.left + ((ms - t0) / 3600000 + 0.5) * (W - PAD.left - PAD.right) / hours;
  const y = (v) => PAD.top + (hi - v) * (H - PAD.top - PAD.bottom) / (hi - lo);

  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc',
    class: 'chart-svg' });
  const top = [...slots.slice(0, 1)].map((s) => Date.parse(s.time));
  const low = byTime.reduce((a, b) => (b.score < a.score ? b : a));
  root.appendChild(svg('title', { id: 'chart-title' }, 'Predicted score by posting hour, next 7 days'));
  root.appendChild(svg('desc', { id: 'chart-desc' }, `Highest ${z.slotLabel(top[0], zone)} (${f.score(slots[0].popularity_score)}), `
    + `lowest ${z.slotLabel(low.ms, zone)} (${f.score(low.score)}); times in ${z.zoneLabel(zone)}.`));

  // Days: shaded bands from local midnight to midnight, labelled in the middle.
  const days = [];
  for (const s of byTime) {
    const w = z.wall(s.ms, zone);
    if (days.length === 0 || days[days.length - 1].date !== w.date) {
      days.push({ date: w.date, start: s.ms, end: s.ms });
    } else {
      days[days.length - 1].end = s.ms;
    }
  }
  days.forEach((d, i) => {
    const x0 = x(d.start) - (W - PAD.left - PAD.right) / hours / 2;
    const x1 = x(d.end) + (W - PAD.left - PAD.right) / hours / 2;
    root.appendChild(svg('rect', { x: x0, y: PAD.top, width: Math.max(0, x1 - x0), height: H - PAD.top - PAD.bottom,
      class: i % 2 ? 'day day-odd' : 'day' }));
    if (x1 - x0 > 40) {
      root.appendChild(svg('text', { x: (x0 + x1) / 2, y: H - 12, class: 'axis-label', 'text-anchor': 'middle' },
        z.dayLabel(d.start, zone)));
    }
  });
  for (const v of ticks(lo, hi)) {
    root.appendChild(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'grid' }));
    root.appendChild(svg('text', { x: PAD.left - 6, y: y(v) + 4, class: 'axis-label', 'text-anchor': 'end' }, f.one(v)));
  }
  const pts = byTime.map((s) => `${x(s.ms).toFixed(1)},${y(s.score).toFixed(1)}`);
  root.appendChild(svg('path', { d: `M${pts[0]} L${pts.slice(1).join(' L')} L${x(byTime[hours - 1].ms).toFixed(1)},${H - PAD.bottom} `
    + `L${x(t0).toFixed(1)},${H - PAD.bottom} Z`, class: 'area' }));
  root.appendChild(svg('polyline', { points: pts.join(' '), class: 'line' }));

  if (chosen != null && chosen >= t0 - 1800000 && chosen <= byTime[hours - 1].ms + 1800000) {
    const cx = x(chosen);
    root.appendChild(svg('line', { x1: cx, x2: cx, y1: PAD.top - 8, y2: H - PAD.bottom, class: 'chosen-line' }));
    root.appendChild(svg('text', { x: cx, y: PAD.top - 12, class: 'chosen-label', 'text-anchor': 'middle' }, 'your time'));
  }
  // Hover targets: one transparent column per hour with its value as a title.
  const colW = (W - PAD.left - PAD.right) / hours;
  for (const s of byTime) {
    const r = svg('rect', { x: x(s.ms) - colW / 2, y: PAD.top, width: colW, height: H - PAD.top - PAD.bottom,
      class: 'hover' });
    r.appendChild(svg('title', {}, `${z.slotLabel(s.ms, zone)}: ${f.score(s.score)}`));
    root.appendChild(r);
  }
  // Best slots are often neighbouring hours: every one gets a dot, a rank label only where it has room.
  const labelled = [];
  slots.slice(0, best).forEach((s, i) => {
    const ms = Date.parse(s.time);
    const cx = x(ms);
    const cy = y(s.popularity_score);
    const g = svg('g', { class: 'best-mark', 'data-time': s.time, 'data-rank': i + 1 });
    g.appendChild(svg('circle', { cx, cy, r: 5 }));
    if (labelled.every((l) => Math.abs(l - cx) >= 18)) {
      labelled.push(cx);
      g.appendChild(svg('circle', { cx, cy: cy - 17, r: 8, class: 'rank-bg' }));
      g.appendChild(svg('text', { x: cx, y: cy - 13, 'text-anchor': 'middle', class: 'rank' }, String(i + 1)));
    }
    g.appendChild(svg('title', {}, `Best slot ${i + 1}: ${z.slotLabel(ms, zone)}, ${f.score(s.popularity_score)}`));
    root.appendChild(g);
  });
  container.appendChild(root);
}

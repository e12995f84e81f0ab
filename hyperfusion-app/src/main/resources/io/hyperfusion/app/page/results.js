// The right-hand column: the score against the training labels, the best hours, the tag what-ifs and the reasons.
// Numbers shown are also kept raw in data- attributes (data-score, data-delta, data-time), so what the page shows
// can be checked against the API.

import * as chart from './chart.js';
import * as f from './format.js';
import * as words from './words.js';
import * as z from './zones.js';

const $ = (id) => document.getElementById(id);
const BEST = 5;
const EFFECTS = 6;
const MIN_EFFECT = 0.005;

let actions = { useTime() {}, addTag() {}, removeTag() {} };

/** The form's actions the results offer (use a time, add or remove a tag). */
export function init(a) {
  actions = a;
}

/** No score yet (the draft cannot be scored): says what is missing and what the scale will be. */
export function renderIdle(context, message) {
  $('score').textContent = '–';
  delete $('score').dataset.score;
  $('band').textContent = '';
  $('status').textContent = message;
  $('announce').textContent = message;
  $('mini-value').textContent = '–';
  $('mini-band').textContent = '';
  $('scale-marker').hidden = true;
  $('error-general').hidden = true;
  for (const id of ['chart', 'best-slots', 'tags-up', 'tags-down', 'reasons', 'tiers']) {
    f.clear($(id));
  }
  const labels = context.labels;
  if (labels) {
    const q = labels.quantiles;
    $('tick-low').textContent = f.one(q[0]);
    $('tick-mid').textContent = 'median ' + f.one(q[50]);
    $('tick-high').textContent = f.one(q[100]);
  }
  $('scale-text').textContent = labels
    ? `The score will be placed among the ${f.int(labels.count)} scored training posts, from the lowest (left) to the highest.`
    : '';
  $('scale-note').textContent = '';
  const later = 'Appears once the draft can be scored.';
  $('best-help').textContent = later;
  $('tags-help').textContent = later;
  $('reasons-help').textContent = later;
  document.body.classList.remove('stale', 'busy');
}

/** Shows one answer: name is "predict" or "advise". */
export function render(context, draft, name, body, from) {
  if (name === 'predict') {
    score(context, body.popularity_score);
    reasons(context, body, draft);
  } else {
    hours(body, draft, from);
    tags(body);
  }
}

function score(context, s) {
  const out = $('score');
  out.textContent = f.score(s);
  out.dataset.score = String(s);
  $('mini-value').textContent = f.score(s);
  const labels = context.labels;
  const marker = $('scale-marker');
  if (!labels) {
    marker.hidden = true;
    $('band').textContent = '';
    $('scale-text').textContent = 'This model was trained before the label distribution was kept with it, so the '
      + 'score cannot be placed among the training posts; train it again to see percentiles.';
    return;
  }
  const q = labels.quantiles;
  const p = f.percentile(q, s);
  out.dataset.percentile = String(p);
  $('band').textContent = f.band(p);
  $('mini-band').textContent = f.band(p);
  marker.hidden = false;
  marker.style.left = p + '%';
  $('tick-low').textContent = f.one(q[0]);
  $('tick-mid').textContent = 'median ' + f.one(q[50]);
  $('tick-high').textContent = f.one(q[100]);
  $('scale-text').textContent = `Higher than ${f.int(p)}% of the ${f.int(labels.count)} scored training posts. `
    + `Half of them scored between ${f.two(q[25])} and ${f.two(q[75])}.`;
  const held = context.held_out || {};
  $('scale-note').textContent = (held.mae != null
    ? `Expect the real score to land within about ±${f.two(held.mae)} of this: that is the model's mean error on `
      + `${f.int(held.posts)} held-out posts. ` : '')
    + 'On SMP Challenge data a score is log₂(views per day + 1), so one point more means about twice the daily views.';
}

function hours(advice, draft, from) {
  const zone = draft.zone;
  const box = $('chart');
  box.dataset.from = advice.from;
  box.dataset.requestedFrom = from;
  chart.render(box, advice.slots, zone, BEST, draft.postedAt);
  $('best-help').textContent = `The same post sent at each hour of the next 7 days from ${z.slotLabel(Date.parse(advice.from), zone)}, `
    + `in ${z.zoneLabel(zone)}. Numbered dots mark the ${BEST} best hours; hover a point for its score.`;
  const ol = $('best-slots');
  f.clear(ol);
  advice.slots.slice(0, BEST).forEach((s, i) => {
    const ms = Date.parse(s.time);
    const li = f.el('li', 'slot');
    li.dataset.time = s.time;
    li.dataset.score = String(s.popularity_score);
    const delta = s.popularity_score - advice.base_score;
    li.append(f.el('span', 'slot-rank', String(i + 1)), f.el('span', 'slot-when', z.slotLabel(ms, zone)),
      f.el('span', 'slot-score', f.score(s.popularity_score)),
      f.el('span', 'slot-delta ' + (delta >= 0 ? 'up' : 'down'), f.signed(delta) + ' vs your time'));
    const b = f.el('button', 'btn btn-small', 'Use this time');
    b.type = 'button';
    b.setAttribute('aria-label', `Post at ${z.longLabel(ms, zone)} (score ${f.score(s.popularity_score)})`);
    b.addEventListener('click', () => actions.useTime(ms));
    li.appendChild(b);
    ol.appendChild(li);
  });
}

function effectItem(e, up) {
  const li = f.el('li', 'effect ' + (up ? 'up' : 'down'));
  li.dataset.tag = e.tag;
  li.dataset.action = e.action;
  li.dataset.delta = String(e.delta);
  const value = f.el('span', 'effect-delta', f.signed(e.delta));
  if (up) {
    const b = f.el('button', 'btn btn-small btn-tag', (e.action === 'add' ? '+ #' : 'Remove #') + e.tag);
    b.type = 'button';
    b.setAttribute('aria-label', `${e.action === 'add' ? 'Add' : 'Remove'} tag ${e.tag} (${f.signed(e.delta)})`);
    b.addEventListener('click', () => (e.action === 'add' ? actions.addTag(e.tag) : actions.removeTag(e.tag)));
    li.append(b, value);
  } else {
    li.append(f.el('span', 'effect-text', e.action === 'add' ? `Adding #${e.tag}` : `Removing #${e.tag} (keep it)`), value);
  }
  return li;
}

function tags(advice) {
  const up = advice.tag_effects.filter((e) => e.delta > MIN_EFFECT).slice(0, EFFECTS);
  const down = advice.tag_effects.filter((e) => e.delta < -MIN_EFFECT).slice(-EFFECTS).reverse();
  const ulUp = $('tags-up');
  const ulDown = $('tags-down');
  f.clear(ulUp);
  f.clear(ulDown);
  up.forEach((e) => ulUp.appendChild(effectItem(e, true)));
  down.forEach((e) => ulDown.appendChild(effectItem(e, false)));
  if (!up.length) ulUp.appendChild(f.el('li', 'effect-none', 'No tag tried raises the score by more than 0.01.'));
  if (!down.length) ulDown.appendChild(f.el('li', 'effect-none', 'No tag tried lowers it by more than 0.01.'));
  const adds = advice.tag_effects.filter((e) => e.action === 'add').length;
  $('tags-help').textContent = 'Each change is scored on its own, at your posting time. Tried: '
    + (advice.candidate_tags_from === 'training' ? `adding ${f.plural(adds, 'of the most used training tag', 'of the most used training tags')}`
      : advice.candidate_tags_from === 'none' ? 'no additions (this model keeps no training tags)' : `adding ${f.plural(adds, 'tag')}`)
    + ' and removing each of yours.';
}

function reasons(context, p, draft) {
  const ul = $('reasons');
  f.clear(ul);
  const member = context.tiers.explained_member;
  const list = words.reasons(p.top_features || [], draft.facts);
  const weight = member && context.tiers.weights ? context.tiers.weights[member] : null;
  $('reasons-help').textContent = member
    ? `How much each side of the post moves the estimate of the ${words.memberName(member)} model`
      + (weight != null ? ` (weight ${f.two(weight)} in the final blend)` : '') + ' up or down from its average post.'
    : 'This model gives no reasons per feature (none of its final models are trees).';
  const max = Math.max(0.01, ...list.map((r) => Math.abs(r.contribution)));
  for (const r of list) {
    const li = f.el('li', 'reason ' + (r.contribution >= 0 ? 'up' : 'down'));
    li.dataset.features = r.features.join(' ');
    li.dataset.contribution = String(r.contribution);
    const bar = f.el('span', 'reason-bar');
    const fill = f.el('span', 'reason-fill');
    fill.style.width = (100 * Math.abs(r.contribution) / max).toFixed(1) + '%';
    bar.appendChild(fill);
    li.append(f.el('span', 'reason-value', f.signed(r.contribution)), bar, f.el('span', 'reason-text', r.text));
    ul.appendChild(li);
  }
  tiers(context, p);
}

function tiers(context, p) {
  const ul = $('tiers');
  f.clear(ul);
  if (!p.tiers) return;
  const q = context.labels ? context.labels.quantiles : null;
  const pct = (v) => (q ? ` · higher than ${f.int(f.percentile(q, v))}%` : '');
  for (const [name, v] of Object.entries(p.tiers.tier1)) {
    const li = f.el('li', 'tier tier1');
    li.append(f.el('span', 'tier-name', `${words.expertName(name)[0].toUpperCase()}${words.expertName(name).slice(1)} specialist`),
      f.el('span', 'tier-value', f.score(v) + pct(v)));
    ul.appendChild(li);
  }
  const blend = p.tiers.blend;
  for (const [name, v] of Object.entries(p.tiers.tier2)) {
    const li = f.el('li', 'tier tier2');
    li.append(f.el('span', 'tier-name', `Final model: ${words.memberName(name)}`),
      f.el('span', 'tier-value', `${f.score(v)} × ${f.two(blend.weights[name])} = ${f.two(blend.weighted[name])}`));
    ul.appendChild(li);
  }
  const li = f.el('li', 'tier tier3');
  li.append(f.el('span', 'tier-name', 'Blend: the weighted parts ' + f.signed(blend.intercept)),
    f.el('span', 'tier-value', f.score(p.popularity_score)));
  ul.appendChild(li);
}

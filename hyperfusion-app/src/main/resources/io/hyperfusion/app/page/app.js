// The drafting page: loads what the model knows (GET /v1/draft-context), scores the draft as it changes
// (POST /v1/predict with explanations, POST /v1/advise for hours and tags), debounced, and shows only the answers
// to the latest draft: older requests are aborted and late answers dropped.

import { DraftForm, errorBoxFor } from './form.js';
import * as f from './format.js';
import * as results from './results.js';

const $ = (id) => document.getElementById(id);
const DEBOUNCE_MS = 350;
const RETRY_MS = 1500;

const state = { context: null, form: null, generation: 0, inFlight: [], lastKey: null, changes: 0 };

/** body[data-pending] is set from a change until the answers to the draft it leads to are shown. */
function settled(changesSeen) {
  if (changesSeen === state.changes) {
    delete document.body.dataset.pending;
  }
}

async function main() {
  let context;
  try {
    const r = await fetch('/v1/draft-context');
    context = await r.json();
    if (!r.ok) throw new Error(context.error || r.status);
  } catch (e) {
    const b = $('load-error');
    b.textContent = 'The model server cannot be reached (' + e.message + '). Is `hyperfusion serve` running?';
    b.hidden = false;
    return;
  }
  state.context = context;
  const held = context.held_out || {};
  $('model-line').textContent = `Model ${context.model_id.split('@')[0].slice(0, 12)}`
    + (context.labels ? ' · trained on ' + f.plural(context.labels.count, 'scored post') : '')
    + (held.mae != null ? ` · typical error on held-out posts ±${f.two(held.mae)}` : '');
  const debounced = f.debounce(update, DEBOUNCE_MS);
  const schedule = () => {
    state.changes++;
    document.body.dataset.pending = '1';
    debounced();
  };
  schedule.now = () => {
    state.changes++;
    document.body.dataset.pending = '1';
    debounced.now();
  };
  state.form = new DraftForm(context, schedule);
  state.schedule = schedule;
  results.init({
    useTime: (ms) => { state.form.setTime(ms); schedule.now(); },
    addTag: (t) => state.form.addTag(t),
    removeTag: (t) => state.form.removeTag(t),
  });
  schedule.now();
}

async function send(path, body, signal) {
  const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body), signal });
  let json;
  try {
    json = await r.json();
  } catch (e) {
    json = { error: 'the server answered ' + r.status + ' without JSON' };
  }
  return { ok: r.ok, status: r.status, body: json };
}

/** Scores the current draft unless it is the one last sent. */
async function update() {
  const changesSeen = state.changes;
  const form = state.form;
  const d = form.draft();
  if (d.blocked) {
    form.showErrors(d.localErrors);
    state.lastKey = null;
    state.generation++;
    results.renderIdle(state.context, d.blocked);
    settled(changesSeen);
    return;
  }
  const from = new Date().toISOString();
  const key = JSON.stringify(d.post);
  if (key === state.lastKey) {
    form.showErrors(d.localErrors);
    settled(changesSeen);
    return;
  }
  state.lastKey = key;
  const gen = ++state.generation;
  state.inFlight.forEach((c) => c.abort());
  const ctl = new AbortController();
  state.inFlight = [ctl];
  $('status').textContent = 'Updating…';
  document.body.classList.add('busy');
  const answers = { predict: null, advise: null };
  const settle = (name, p) => p.then((r) => {
    if (gen !== state.generation) return; // a newer draft was sent: its answers win
    answers[name] = r;
    if (r.ok) results.render(state.context, d, name, r.body, from);
  }).catch((e) => {
    if (gen !== state.generation || e.name === 'AbortError') return;
    answers[name] = { ok: false, status: 0, body: { error: 'the server cannot be reached (' + e.message + ')' } };
  });
  await Promise.all([
    settle('predict', send('/v1/predict', d.post, ctl.signal)),
    settle('advise', send('/v1/advise', { post: d.post, from }, ctl.signal)),
  ]);
  if (gen !== state.generation) return;
  document.body.classList.remove('busy');
  showOutcome(form, d, answers);
  settled(changesSeen);
}

/** Field errors next to their fields, other errors in the score card; a busy server is asked again. */
function showOutcome(form, d, answers) {
  const errors = { ...d.localErrors };
  let general = null;
  let retry = false;
  for (const r of [answers.predict, answers.advise]) {
    if (!r || r.ok) continue;
    const box = errorBoxFor(r.body.field) || (r.status === 413 && d.post.image_base64 ? 'err-image_base64' : null);
    if (box) {
      // Beside the field its name is clear: "post.user.photo_count: expected a number" reads "expected a number".
      const f0 = r.body.field;
      const msg = f0 && r.body.error.startsWith(f0 + ': ') ? r.body.error.slice(f0.length + 2) : r.body.error;
      errors[box] = errors[box] || msg.charAt(0).toUpperCase() + msg.slice(1);
    } else {
      general = r.body.error;
    }
    retry = retry || r.status === 503 || r.status === 0;
  }
  form.showErrors(errors);
  const banner = $('error-general');
  const failed = !(answers.predict && answers.predict.ok && answers.advise && answers.advise.ok);
  banner.hidden = !general;
  banner.textContent = general ? 'Not scored: ' + general + (retry ? ' Trying again…' : '') : '';
  $('status').textContent = failed ? 'Not updated: see the highlighted field.' : 'Updated.';
  // Screen readers hear the outcome once per draft, not every "Updating…".
  const score = $('score');
  $('announce').textContent = failed ? 'Not updated: ' + (general || Object.values(errors)[0] || 'see the form')
    : `Predicted popularity ${score.textContent}` + ($('band').textContent ? ', ' + $('band').textContent : '');
  document.body.classList.toggle('stale', !!failed);
  if (retry) {
    state.lastKey = null;
    setTimeout(() => state.schedule(), RETRY_MS);
  }
}

main();

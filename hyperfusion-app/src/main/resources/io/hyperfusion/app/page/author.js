// Who is posting: a known author found by id (GET /v1/authors, a combobox after the WAI-ARIA pattern) with a
// one-line history and the profile stored at training time, or a new author described by profile fields.

import * as f from './format.js';
import * as z from './zones.js';

const $ = (id) => document.getElementById(id);

/** The one-line history of an author from /v1/authors. */
export function historyLine(a, labels) {
  const parts = [f.plural(a.posts, 'post')];
  if (a.first_post && a.last_post) {
    const first = Date.parse(a.first_post);
    const last = Date.parse(a.last_post);
    const from = z.monthYear(first);
    const to = z.monthYear(last);
    parts.push(from === to ? from : from + ' – ' + to);
    const weeks = (last - first) / (7 * 86400000);
    if (a.posts > 1 && weeks >= 1) {
      parts.push('about ' + f.one(a.posts / weeks) + ' a week');
    }
  }
  if (a.mean_score != null) {
    let s = 'scored ' + f.two(a.mean_score) + ' on average';
    if (labels) {
      s += ' (higher than ' + f.int(f.percentile(labels.quantiles, a.mean_score)) + '% of posts)';
    }
    parts.push(s);
  } else {
    parts.push('no scored posts');
  }
  const p = a.profile;
  if (p) {
    if (p.timezone_id) {
      parts.push(p.timezone_id.replace(/_/g, ' '));
    }
    if (p.photo_count != null) {
      parts.push(f.plural(p.photo_count, 'photo'));
    }
    if (p.is_pro) {
      parts.push('pro');
    }
  }
  return parts.join(' · ');
}

/** The zone select's value for a stored profile: its valid zone id, else its fixed offset, else unknown (""). */
export function zoneOfProfile(p) {
  if (p && p.timezone_id && z.isValidZone(p.timezone_id.trim())) {
    return p.timezone_id.trim();
  }
  if (p && p.timezone_offset_minutes != null && Math.abs(p.timezone_offset_minutes) <= 18 * 60) {
    return z.offsetZone(p.timezone_offset_minutes);
  }
  return '';
}

/** The author part of the form. */
export class AuthorPicker {
  constructor(context, onChange) {
    this.context = context;
    this.onChange = onChange;
    this.chosen = null;
    this.results = [];
    this.active = -1;
    this.searchSeq = 0;
    this.initialZone = '';
    this.input = $('author-search');
    this.list = $('author-results');
    $('author-help').textContent = context.authors > 0
      ? `${f.plural(context.authors, 'author')} from the training data. Type part of an id, then pick one.`
      : 'This model keeps no authors: choose “A new author”.';
    this.extra = (context.profile_numeric || []).map((name) => this.extraField(name));
    this.fillZones();
    for (const r of document.querySelectorAll('input[name="author-kind"]')) {
      r.addEventListener('change', () => this.setKind(r.value));
    }
    for (const id of ['photo-count', 'first-photo-date', 'timezone', 'is-pro']) {
      $(id).addEventListener(id === 'timezone' || id === 'is-pro' ? 'change' : 'input', (e) => {
        e.target.dataset.dirty = '1';
        this.onChange();
      });
    }
    $('new-user-id').addEventListener('input', () => this.onChange());
    this.wireCombobox();
    this.setKind(context.authors > 0 ? 'known' : 'new');
  }

  fillZones() {
    const sel = $('timezone');
    sel.appendChild(new Option('Unknown (the model assumes UTC)', ''));
    for (const id of z.allZones()) {
      sel.appendChild(new Option(id.replace(/_/g, ' '), id));
    }
  }

  extraField(name) {
    const box = f.el('div', 'field');
    const id = 'profile-num-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
    const label = f.el('label', null, name.replace(/_/g, ' '));
    label.htmlFor = id;
    const input = f.el('input');
    input.id = id;
    input.type = 'text';
    input.inputMode = 'decimal';
    input.dataset.field = name;
    input.setAttribute('aria-describedby', 'err-user');
    input.addEventListener('input', () => {
      input.dataset.dirty = '1';
      this.onChange();
    });
    box.append(label, input);
    $('profile-extra').appendChild(box);
    return input;
  }

  kind() {
    return document.querySelector('input[name="author-kind"]:checked').value;
  }

  setKind(kind) {
    document.querySelector(`input[name="author-kind"][value="${kind}"]`).checked = true;
    $('known-author').hidden = kind !== 'known';
    $('new-author').hidden = kind !== 'new';
    this.fillProfile(kind === 'known' && this.chosen ? this.chosen.profile : null, kind === 'new');
    $('profile').open = kind === 'new';
    this.onChange();
  }

  /** Sets the profile fields from a stored profile (or to a new author's defaults). */
  fillProfile(p, isNew) {
    $('photo-count').value = p && p.photo_count != null ? String(p.photo_count) : '';
    $('is-pro').checked = !!(p && p.is_pro);
    $('first-photo-date').value = p && p.first_photo_date ? p.first_photo_date.slice(0, 10) : '';
    this.initialZone = isNew ? z.browserZone() : zoneOfProfile(p);
    const sel = $('timezone');
    if (this.initialZone && !([...sel.options].some((o) => o.value === this.initialZone))) {
      sel.appendChild(new Option(z.zoneLabel(this.initialZone) + ' (fixed offset)', this.initialZone));
    }
    sel.value = this.initialZone;
    for (const input of this.extra) {
      const v = p && p.numeric ? p.numeric[input.dataset.field] : null;
      input.value = v != null ? String(v) : '';
    }
    for (const e of document.querySelectorAll('#profile [data-dirty]')) {
      delete e.dataset.dirty;
    }
    $('profile-source').textContent = isNew ? '' : !this.chosen ? ''
      : p ? '(from the training data; change it to try)' : '(none stored: fill in what you know)';
  }

  /** The posting zone (a zones.js zone key; UTC when unknown). */
  zone() {
    return $('timezone').value || 'UTC';
  }

  userId() {
    return this.kind() === 'known' ? (this.chosen ? this.chosen.user_id : this.input.value.trim())
      : $('new-user-id').value.trim();
  }

  knownAuthor() {
    return this.kind() === 'known' && this.chosen != null && this.chosen.mean_score != null;
  }

  /**
   * The "user" object of a request: the stored profile with the fields the person changed, or a new author's
   * fields. Values go as typed: the server checks them and names the field at fault.
   */
  profile(postedAtMs) {
    const known = this.kind() === 'known';
    const base = known && this.chosen && this.chosen.profile ? { ...this.chosen.profile } : {};
    const take = (id) => !known || !this.chosen || !this.chosen.profile || $(id).dataset.dirty === '1';
    if (take('photo-count')) {
      const v = $('photo-count').value.trim();
      if (v) base.photo_count = v; else delete base.photo_count;
    }
    if (take('is-pro')) {
      base.is_pro = $('is-pro').checked;
    }
    if (take('first-photo-date')) {
      const v = $('first-photo-date').value;
      if (v) base.first_photo_date = v + 'T00:00:00Z'; else delete base.first_photo_date;
    }
    const zone = $('timezone').value;
    if (!known || zone !== this.initialZone) {
      delete base.timezone_id;
      delete base.timezone_offset_minutes;
      if (zone) {
        if (!z.isOffsetZone(zone)) base.timezone_id = zone;
        base.timezone_offset_minutes = z.offsetAt(zone, postedAtMs);
      }
    }
    const numeric = { ...(base.numeric || {}) };
    for (const input of this.extra) {
      if (take(input.id)) {
        const v = input.value.trim();
        if (v) numeric[input.dataset.field] = v; else delete numeric[input.dataset.field];
      }
    }
    if (Object.keys(numeric).length) base.numeric = numeric; else delete base.numeric;
    delete base.user_id;
    return base;
  }

  wireCombobox() {
    const search = f.debounce(() => this.search(), 150);
    this.input.addEventListener('input', () => {
      if (this.chosen && this.input.value.trim() !== this.chosen.user_id) {
        this.choose(null);
      }
      search();
    });
    this.input.addEventListener('focus', () => search());
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    this.list.addEventListener('mousedown', (e) => {
      const li = e.target.closest('li[data-index]');
      if (li) {
        e.preventDefault();
        this.choose(this.results[Number(li.dataset.index)]);
      }
    });
  }

  async search() {
    const seq = ++this.searchSeq;
    const q = this.input.value.trim();
    try {
      const r = await fetch('/v1/authors?limit=8&q=' + encodeURIComponent(q));
      const body = await r.json();
      if (seq !== this.searchSeq || document.activeElement !== this.input) {
        return;
      }
      if (!r.ok) {
        this.showList([], body.error || 'search failed');
        return;
      }
      this.showList(body.authors, body.total > body.authors.length
        ? `${f.int(body.total)} match; keep typing to narrow` : body.total === 0 ? 'No author matches' : null);
    } catch (e) {
      if (seq === this.searchSeq) this.showList([], 'The server cannot be reached');
    }
  }

  showList(authors, note) {
    this.results = authors;
    this.active = -1;
    f.clear(this.list);
    authors.forEach((a, i) => {
      const li = f.el('li', 'option');
      li.id = 'author-opt-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.index = String(i);
      li.append(f.el('span', 'option-id', a.user_id), f.el('span', 'option-history', historyLine(a, this.context.labels)));
      this.list.appendChild(li);
    });
    if (note) {
      const li = f.el('li', 'option-note', note);
      li.setAttribute('role', 'presentation');
      this.list.appendChild(li);
    }
    this.list.hidden = authors.length === 0 && !note;
    this.input.setAttribute('aria-expanded', String(!this.list.hidden));
    this.input.removeAttribute('aria-activedescendant');
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  key(e) {
    const n = this.results.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.list.hidden) {
        this.search();
        return;
      }
      if (n === 0) return;
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active - 1 + n) % n;
      [...this.list.querySelectorAll('[role=option]')].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
      this.input.setAttribute('aria-activedescendant', 'author-opt-' + this.active);
      $('author-opt-' + this.active).scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!this.list.hidden && n > 0) {
        this.choose(this.results[Math.max(0, this.active)]);
      }
    } else if (e.key === 'Escape') {
      this.close();
    }
  }

  /** Picks an author (or none). */
  choose(a) {
    this.chosen = a;
    this.close();
    const box = $('author-chosen');
    box.hidden = !a;
    if (a) {
      this.input.value = a.user_id;
      box.querySelector('.chosen-id').textContent = a.user_id;
      box.querySelector('.chosen-history').textContent = historyLine(a, this.context.labels);
    }
    this.fillProfile(a ? a.profile : null, false);
    this.onChange();
  }
}

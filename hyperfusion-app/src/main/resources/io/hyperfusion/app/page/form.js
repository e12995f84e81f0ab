// The draft form: the post's fields, its image, when and where, and the other fields the model was fitted with;
// it builds the post object of /v1/predict and /v1/advise and shows errors next to the field they name.

import { AuthorPicker } from './author.js';
import { ImagePicker } from './image.js';
import * as f from './format.js';
import * as places from './places.js';
import * as z from './zones.js';

const $ = (id) => document.getElementById(id);

/** The error box a server field path belongs to ("post.user.photo_count" → "err-user.photo_count"). */
export function errorBoxFor(field) {
  const path = (field || '').replace(/^post\./, '').replace(/^posts\[\d+\]\./, '');
  if ($('err-' + path)) return 'err-' + path;
  if (/^(latitude|longitude|geo_accuracy)$/.test(path)) return 'err-latitude';
  if (path.startsWith('user')) return 'err-user';
  if (path.startsWith('numeric')) return 'err-numeric';
  if (path.startsWith('categorical')) return 'err-categorical';
  if (path.startsWith('tags')) return 'err-tags';
  return null;
}

/** The form. */
export class DraftForm {
  constructor(context, onChange) {
    this.context = context;
    this.onChange = onChange;
    this.tags = [];
    this.geoAccuracy = null;
    this.author = new AuthorPicker(context, onChange);
    this.initCategories();
    this.initTags();
    this.picture = new ImagePicker(context, onChange, (box, message) => this.setError(box, message));
    this.initWhen();
    this.initPlace();
    this.initMore();
    $('title').addEventListener('input', onChange);
  }

  initCategories() {
    const tree = this.context.categories;
    const levels = this.context.category_levels || [[], [], []];
    const fill = (sel, values) => {
      const old = sel.value;
      f.clear(sel);
      sel.appendChild(new Option('(none)', ''));
      [...values].filter((v) => v !== '').sort((a, b) => a.localeCompare(b)).forEach((v) => sel.appendChild(new Option(v, v)));
      sel.value = values.includes(old) ? old : '';
    };
    const cat = $('category');
    const sub = $('subcategory');
    const con = $('concept');
    const refresh = () => {
      if (tree) {
        const subs = tree[cat.value] || {};
        fill(sub, Object.keys(subs));
        fill(con, Object.keys(subs[sub.value] || {}));
      }
    };
    fill(cat, tree ? Object.keys(tree) : levels[0]);
    if (!tree) {
      fill(sub, levels[1]);
      fill(con, levels[2]);
    }
    refresh();
    cat.addEventListener('change', () => { refresh(); this.onChange(); });
    sub.addEventListener('change', () => { if (tree) fill(con, Object.keys((tree[cat.value] || {})[sub.value] || {})); this.onChange(); });
    con.addEventListener('change', this.onChange);
  }

  initTags() {
    const input = $('tag-input');
    const list = $('tag-suggestions');
    for (const t of this.context.tags || []) {
      list.appendChild(new Option(t));
    }
    const commit = (text) => {
      let added = false;
      for (const t of text.split(/[\s,]+/)) {
        added = this.addTag(t, false) || added;
      }
      input.value = '';
      if (added) this.onChange();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ',') {
        e.preventDefault();
        commit(input.value);
      } else if (e.key === 'Backspace' && input.value === '' && this.tags.length) {
        this.removeTag(this.tags[this.tags.length - 1]);
      }
    });
    input.addEventListener('input', (e) => {
      const v = input.value;
      // A pick from the suggestions becomes a tag at once; typed or pasted text at each separator.
      if (e.inputType === 'insertReplacementText' || e.inputType === undefined) {
        commit(v);
      } else if (/[\s,]/.test(v)) {
        const parts = v.split(/[\s,]+/);
        const rest = /[\s,]$/.test(v) ? '' : parts.pop();
        commit(parts.join(' '));
        input.value = rest;
      }
    });
    input.addEventListener('blur', () => commit(input.value));
  }

  /** Adds a tag (without '#', duplicates ignored); true when it was added. */
  addTag(raw, notify = true) {
    const t = raw.trim().replace(/^#+/, '');
    if (!t || this.tags.some((x) => x.toLowerCase() === t.toLowerCase())) {
      return false;
    }
    this.tags.push(t);
    this.renderTags();
    if (notify) this.onChange();
    return true;
  }

  removeTag(tag) {
    this.tags = this.tags.filter((x) => x !== tag);
    this.renderTags();
    this.onChange();
  }

  renderTags() {
    const ul = $('tag-list');
    f.clear(ul);
    for (const t of this.tags) {
      const li = f.el('li', 'chip');
      li.dataset.tag = t;
      const b = f.el('button', 'chip-remove', '×');
      b.type = 'button';
      b.setAttribute('aria-label', 'Remove tag ' + t);
      b.addEventListener('click', () => { this.removeTag(t); $('tag-input').focus(); });
      li.append(f.el('span', null, '#' + t), b);
      ul.appendChild(li);
    }
  }

  initWhen() {
    const now = () => this.setTime(Date.now());
    $('now').addEventListener('click', () => { now(); this.onChange(); });
    $('post-date').addEventListener('input', this.onChange);
    $('post-time').addEventListener('input', this.onChange);
    $('timezone').addEventListener('change', () => this.describeWhen(null));
    now();
  }

  /** Puts an instant into the date and time boxes, in the author's zone. */
  setTime(ms) {
    const w = z.wall(ms, this.author.zone());
    $('post-date').value = w.date;
    $('post-time').value = w.time;
  }

  /** Says which zone the boxes are in, and warns when the time lies far beyond the training posts. */
  describeWhen(postedAt) {
    let text = `In the author's time zone: ${z.zoneLabel(this.author.zone())}`
      + ($('timezone').value ? '.' : ' (unknown, so the model reads times as UTC).');
    const last = this.context.training_period && this.context.training_period.last;
    if (postedAt != null && last && postedAt - Date.parse(last) > 180 * 86400000) {
      text += ` The training posts end in ${z.monthYear(Date.parse(last))}: the model has not seen posts this much later, `
        + "so parts that depend on the date (the author's gap since the last post, account age) are extrapolated.";
    }
    $('when-help').textContent = text;
  }

  initPlace() {
    const list = $('place-suggestions');
    places.CITIES.forEach(([name]) => list.appendChild(new Option(name)));
    $('place').addEventListener('input', () => {
      const c = places.city($('place').value);
      if (c) {
        $('latitude').value = String(c.latitude);
        $('longitude').value = String(c.longitude);
        this.geoAccuracy = 11; // Flickr's city level
      } else if (!$('place').value.trim()) {
        $('latitude').value = '';
        $('longitude').value = '';
        this.geoAccuracy = null;
      }
      this.onChange();
    });
    for (const id of ['latitude', 'longitude']) {
      $(id).addEventListener('input', () => { $('place').value = ''; this.geoAccuracy = null; this.onChange(); });
    }
    const locate = $('locate');
    locate.hidden = !navigator.geolocation;
    locate.addEventListener('click', () => {
      this.setError($('err-latitude'), '');
      navigator.geolocation.getCurrentPosition((pos) => {
        $('latitude').value = pos.coords.latitude.toFixed(4);
        $('longitude').value = pos.coords.longitude.toFixed(4);
        $('place').value = '';
        this.geoAccuracy = 16; // street level
        this.onChange();
      }, (e) => this.setError($('err-latitude'), 'Your location is not available: ' + e.message));
    });
  }

  initMore() {
    const box = $('more-fields');
    const typical = this.context.typical || { numeric: {}, categorical: {} };
    this.more = [];
    const add = (name, kind, control) => {
      const field = f.el('div', 'field');
      const label = f.el('label', null, name.replace(/_/g, ' '));
      control.id = 'more-' + kind + '-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
      label.htmlFor = control.id;
      control.dataset.field = name;
      control.dataset.kind = kind;
      control.setAttribute('aria-describedby', 'err-' + kind);
      control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', this.onChange);
      field.append(label, control);
      box.appendChild(field);
      this.more.push(control);
    };
    for (const c of this.context.post_categorical || []) {
      const sel = document.createElement('select');
      sel.appendChild(new Option('(not set)', ''));
      c.values.forEach((v) => sel.appendChild(new Option(v, v)));
      const t = typical.categorical[c.name];
      if (t != null && !c.values.includes(t)) sel.appendChild(new Option(t, t));
      sel.value = t ?? '';
      add(c.name, 'categorical', sel);
    }
    for (const name of this.context.post_numeric || []) {
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      const t = typical.numeric[name];
      input.value = t != null ? String(t) : '';
      add(name, 'numeric', input);
    }
    $('more-card').hidden = this.more.length === 0;
  }

  /**
   * The draft as the API takes it, with what the explanations need; or {blocked: message} while the form cannot
   * be scored yet. localErrors maps error boxes to messages found here.
   */
  draft() {
    this.describeWhen(null);
    const localErrors = {};
    const userId = this.author.userId();
    if (!userId) {
      return { blocked: this.author.kind() === 'known' ? 'Pick the author in step 1 to see a score.'
        : 'Give the new author a name or id in step 1.', localErrors };
    }
    if (this.author.kind() === 'known' && !this.author.chosen) {
      localErrors['err-user_id'] = 'Pick an author from the list, or choose “A new author”.';
      return { blocked: 'Pick the author in step 1 to see a score.', localErrors };
    }
    const date = $('post-date').value;
    const time = $('post-time').value;
    if (!date || !time) {
      localErrors['err-posted_at'] = 'Give a date and a time (or press Now).';
      return { blocked: 'Give a date and a time in step 4.', localErrors };
    }
    const zone = this.author.zone();
    const postedAt = z.wallToInstant(date, time, zone);
    this.describeWhen(postedAt);
    const post = { post_id: 'draft', user_id: userId, posted_at: new Date(postedAt).toISOString(),
      title: $('title').value, tags: [...this.tags] };
    for (const k of ['category', 'subcategory', 'concept']) {
      if ($(k).value) post[k] = $(k).value;
    }
    const lat = $('latitude').value.trim();
    const lon = $('longitude').value.trim();
    if (lat || lon) {
      if (!lat || !lon) {
        localErrors['err-latitude'] = 'Give both latitude and longitude, or neither.';
      } else if (Math.abs(Number(lat)) > 90 || Math.abs(Number(lon)) > 180) {
        localErrors['err-latitude'] = 'Latitude runs from −90 to 90 and longitude from −180 to 180.';
      } else {
        // As typed: the server reads numbers and names the field it cannot read.
        post.latitude = lat;
        post.longitude = lon;
        if (this.geoAccuracy != null) post.geo_accuracy = this.geoAccuracy;
      }
    }
    for (const kind of ['categorical', 'numeric']) {
      const values = {};
      this.more.filter((c) => c.dataset.kind === kind && c.value.trim() !== '')
        .forEach((c) => { values[c.dataset.field] = c.value.trim(); });
      if (Object.keys(values).length) post[kind] = values;
    }
    if (this.picture.image) post.image_base64 = this.picture.image.base64;
    post.user = this.author.profile(postedAt);
    const w = z.wall(postedAt, zone);
    const facts = { hour: w.hour, weekday: w.weekday, category: post.category, subcategory: post.subcategory,
      concept: post.concept, categorical: post.categorical || {}, knownAuthor: this.author.knownAuthor() };
    return { post, postedAt, zone, facts, localErrors };
  }

  setError(box, message) {
    if (!box) return;
    box.textContent = message;
    for (const c of document.querySelectorAll(`[aria-describedby~="${box.id}"]`)) {
      if (message) c.setAttribute('aria-invalid', 'true'); else c.removeAttribute('aria-invalid');
    }
    const details = box.closest('details');
    if (message && details) details.open = true;
  }

  /** Shows errors (box id → message) and clears every other box, but for the page's own check of the image file. */
  showErrors(errors) {
    for (const box of document.querySelectorAll('.field-error')) {
      this.setError(box, errors[box.id] || (box.id === 'err-image_base64' && this.picture.error) || '');
    }
  }
}

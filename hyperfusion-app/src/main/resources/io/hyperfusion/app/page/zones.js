// Time zones without a library: a zone is an IANA id ("Europe/Paris") or a fixed offset ("offset:600", minutes
// east of UTC, for profiles that only give an offset). The model reads posting hours in the author's zone, so the
// page shows and takes every time in that zone.

const OFFSET = 'offset:';

/** The browser's zone, e.g. "Europe/London". */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows (falls back to a few when it cannot list them). */
export function allZones() {
  try {
    const z = Intl.supportedValuesOf('timeZone');
    return z.includes('UTC') ? z : ['UTC', ...z];
  } catch (e) {
    return ['UTC', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo',
      'Australia/Sydney'];
  }
}

/** Whether the browser accepts this IANA id. */
export function isValidZone(id) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return true;
  } catch (e) {
    return false;
  }
}

export function offsetZone(minutes) {
  return OFFSET + minutes;
}

export function isOffsetZone(zone) {
  return zone.startsWith(OFFSET);
}

/** "UTC+10:00" for an offset in minutes. */
export function offsetLabel(minutes) {
  const a = Math.abs(minutes);
  const hh = String(Math.floor(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return 'UTC' + (minutes < 0 ? '−' : '+') + hh + ':' + mm;
}

/** How a zone is named on the page. */
export function zoneLabel(zone) {
  return isOffsetZone(zone) ? offsetLabel(Number(zone.slice(OFFSET.length))) : zone.replace(/_/g, ' ');
}

const partsCache = new Map();

function formatter(id) {
  let f = partsCache.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: id, hourCycle: 'h23', year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsCache.set(id, f);
  }
  return f;
}

/** The zone's offset from UTC at instant ms, in minutes east. */
export function offsetAt(zone, ms) {
  if (isOffsetZone(zone)) {
    return Number(zone.slice(OFFSET.length));
  }
  const get = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    get[p.type] = p.value;
  }
  const asUtc = Date.UTC(+get.year, +get.month - 1, +get.day, +get.hour % 24, +get.minute, +get.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/**
 * The instant (ms) of a wall-clock date "YYYY-MM-DD" and time "HH:MM" in a zone, resolved as java.time resolves
 * it: in an autumn overlap the earlier instant, in a spring gap the time moved forward by the gap.
 */
export function wallToInstant(date, time, zone) {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wallMs = Date.UTC(y, m - 1, d, hh, mm);
  const before = offsetAt(zone, wallMs - 86400000);
  const after = offsetAt(zone, wallMs + 86400000);
  const fits = [before, after].map((o) => wallMs - o * 60000).filter((t) => t + offsetAt(zone, t) * 60000 === wallMs);
  return fits.length ? Math.min(...fits) : wallMs - before * 60000;
}

/** The wall clock of instant ms in a zone: {date: "YYYY-MM-DD", time: "HH:MM", hour, weekday (0 = Monday)}. */
export function wall(ms, zone) {
  const t = new Date(ms + offsetAt(zone, ms) * 60000);
  const pad = (n) => String(n).padStart(2, '0');
  return {
    date: t.getUTCFullYear() + '-' + pad(t.getUTCMonth() + 1) + '-' + pad(t.getUTCDate()),
    time: pad(t.getUTCHours()) + ':' + pad(t.getUTCMinutes()),
    hour: t.getUTCHours(),
    month: t.getUTCMonth() + 1,
    weekday: (t.getUTCDay() + 6) % 7,
    shifted: t,
  };
}

const DAY_FMT = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
const WEEKDAY_FMT = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'short' });
const LONG_FMT = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const MONTH_YEAR = new Intl.DateTimeFormat(undefined, { timeZone: 'UTC', month: 'short', year: 'numeric' });

/** "Fri 12 Jun" in the zone. */
export function dayLabel(ms, zone) {
  return DAY_FMT.format(wall(ms, zone).shifted);
}

/** "Fri 22:00" in the zone. */
export function slotLabel(ms, zone) {
  const w = wall(ms, zone);
  return WEEKDAY_FMT.format(w.shifted) + ' ' + w.time;
}

/** "Friday 12 June, 22:00" in the zone. */
export function longLabel(ms, zone) {
  return LONG_FMT.format(wall(ms, zone).shifted);
}

/** "Jun 2015" (zone-independent enough for a history line). */
export function monthYear(ms) {
  return MONTH_YEAR.format(new Date(ms));
}

// Number formatting, the label scale (percentiles) and small DOM helpers shared by the page's modules.

const dec = (d) => new Intl.NumberFormat(undefined, { minimumFractionDigits: d, maximumFractionDigits: d });
const DEC1 = dec(1);
const DEC2 = dec(2);
const INT = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** A score with two decimals, or an en dash when there is none. */
export function score(v) {
  return v == null || !Number.isFinite(v) ? '–' : DEC2.format(v);
}

/** A change with its sign (true minus sign, not a hyphen). */
export function signed(v, digits = 2) {
  const f = digits === 1 ? DEC1 : DEC2;
  if (Math.abs(v) < Math.pow(10, -digits) / 2) {
    return '±' + f.format(0);
  }
  return (v > 0 ? '+' : '−') + f.format(Math.abs(v));
}

export function int(v) {
  return INT.format(v);
}

export function one(v) {
  return DEC1.format(v);
}

export function two(v) {
  return DEC2.format(v);
}

/** "1 post", "3 posts". */
export function plural(n, word, many = word + 's') {
  return int(n) + ' ' + (Math.round(n) === 1 ? word : many);
}

/** A byte count for people: "820 KB", "3.4 MB". */
export function bytes(n) {
  if (n < 1000 * 1000) {
    return int(Math.max(1, Math.round(n / 1000))) + ' KB';
  }
  return DEC1.format(n / 1e6) + ' MB';
}

/** A duration in days for people: "5 hours", "3 days", "4 months", "2.5 years". */
export function days(d) {
  if (d < 1) {
    return plural(Math.max(1, Math.round(d * 24)), 'hour');
  }
  if (d < 60) {
    return plural(Math.round(d), 'day');
  }
  if (d < 730) {
    return plural(Math.round(d / 30.44), 'month');
  }
  return one(d / 365.25) + ' years';
}

/**
 * The share of training labels below a score, in percent, from the labels' 101 percentiles: the inverse of the
 * piecewise-linear quantile function; inside a run of equal percentiles, the middle of the run. The server's
 * LabelScale.percentile computes the same.
 */
export function percentile(quantiles, s) {
  const q = quantiles;
  const last = q.length - 1;
  if (s < q[0]) {
    return 0;
  }
  if (s > q[last]) {
    return 100;
  }
  let hi = 0;
  while (q[hi] < s) {
    hi++;
  }
  if (q[hi] === s) {
    let end = hi;
    while (end + 1 <= last && q[end + 1] === s) {
      end++;
    }
    return (hi + end) / 2;
  }
  const lo = hi - 1;
  return lo + (s - q[lo]) / (q[hi] - q[lo]);
}

/** A percentile in words a reader takes in at a glance. */
export function band(p) {
  if (p >= 90) return 'Top 10%';
  if (p >= 75) return 'Top 25%';
  if (p >= 50) return 'Above the median';
  if (p >= 25) return 'Below the median';
  return 'Bottom 25%';
}

/** Creates an element with a class and text (text, never HTML: nothing typed or received becomes markup). */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) {
    e.className = cls;
  }
  if (text != null) {
    e.textContent = text;
  }
  return e;
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

/** Calls f once, ms after the last of a burst of calls. */
export function debounce(f, ms) {
  let timer = null;
  const d = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => f(...args), ms);
  };
  d.now = (...args) => {
    clearTimeout(timer);
    f(...args);
  };
  return d;
}

// Feature names in words a non-specialist reads. A model explains itself per feature column ("time#hour_sin");
// people think in aspects ("posting at 19:00"), so columns that describe one aspect are grouped and their
// contributions (TreeSHAP values or a ridge member's linear shares, which add up) summed.

import * as f from './format.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

const EXPERTS = { user: 'author', textual: 'text', visual: 'image', temporal: 'time and place', clip: 'image–text' };
const MEMBERS = { fusion_lgbm: 'LightGBM trees', fusion_xgb: 'XGBoost trees', fusion_mlp: 'neural network',
  fusion_tabnet: 'TabNet network', fusion_catboost: 'CatBoost trees' };

/** "author", "text", ... for a tier-1 expert name. */
export function expertName(name) {
  return EXPERTS[name] || name.replace(/_/g, ' ');
}

/** "LightGBM trees", ... for a tier-2 member name. */
export function memberName(name) {
  return MEMBERS[name] || name.replace(/^fusion_/, '').replace(/_/g, ' ');
}

const yes = (v, a, b) => (v ? a : b);
const accuracy = (v) => (v >= 15 ? 'street' : v >= 11 ? 'city' : v >= 6 ? 'region' : v >= 3 ? 'country' : 'world');

// [pattern, aspect, words(value, draft facts, regex match)]; the first matching rule wins. A null value means
// the feature is missing for this post.
const RULES = [
  [/^time#(hour|hour_sin|hour_cos)$/, 'hour', (v, c) => c.hour == null ? 'no posting time'
    : `posting at ${String(c.hour).padStart(2, '0')}:00 in the author's time zone`],
  [/^time#(weekday|weekday_sin|weekday_cos)$/, 'weekday', (v, c) => c.weekday == null ? 'no posting day'
    : `posting on a ${WEEKDAYS[c.weekday]}`],
  [/^time#month$/, 'month', (v) => v == null ? 'no posting month' : `posting in ${MONTHS[v - 1]}`],
  [/^time#zone_known$/, 'zone', (v) => yes(v, "the author's time zone is known",
    "the author's time zone is unknown (UTC is assumed)")],
  [/^time#geo_present$/, 'place', (v) => yes(v, 'the post has a place', 'the post has no place')],
  [/^time#geo_accuracy$/, 'place', (v) => v == null ? 'the post has no place' : `a place at ${accuracy(v)} level`],
  [/^text#title_len$/, 'title-length', (v) => v ? `a title of ${f.plural(v, 'character')}` : 'no title'],
  [/^text#title_words$/, 'title-length', (v) => v ? `${f.plural(v, 'word')} in the title` : 'no title'],
  [/^text#title_empty$/, 'title-length', (v) => yes(v, 'no title', 'having a title')],
  [/^text#tag_count$/, 'tag-count', (v) => v ? f.plural(v, 'tag') : 'no tags'],
  [/^text#tag_mean_len$/, 'tag-length', (v) => v == null ? 'no tags' : `tags of ${f.one(v)} characters on average`],
  [/^text#/, 'title-text', () => 'how the title is written'],
  [/^textlin#ridge$/, 'title-words', () => 'the words of the title and tags'],
  [/^textlin#known_terms$/, 'title-words', (v) => v == null ? 'no title or tags'
    : `${f.int(v * 100)}% of the words seen in earlier posts`],
  [/^user#ratio_(.+)$/, 'author-ratios', () => "the author's audience per post"],
  [/^user#(description|location)_(present|pca_\d+)$/, 'author-description', (v, c, m) =>
    m[1] === 'description' ? "the author's self-description" : "the author's stated location"],
  [/^user#days_since_first_taken$/, 'author-age', (v) => v == null ? "the author's first photo date is unknown"
    : `the author's first photo was taken ${f.days(v)} before`],
  [/^user#te_mean$/, 'author-record', (v, c) => c.knownAuthor
    ? `the author's earlier posts (weighted average ${f.two(v)})` : 'the author has no scored posts yet'],
  [/^user#te_count$/, 'author-record', (v) => v ? `${f.plural(v, 'scored earlier post')} by the author`
    : 'the author has no scored posts yet'],
  [/^user#seen$/, 'author-known', (v) => yes(v, 'the model knows this author', 'the author is new to the model')],
  [/^user#author_code$/, 'author-known', () => 'who the author is'],
  [/^user#photo_count$/, 'author-size', (v) => v == null ? "the author's photo count is unknown"
    : `the author has ${f.plural(v, 'photo')}`],
  [/^user#(is_pro|can_buy_pro)$/, 'author-pro', (v, c, m) => v == null ? 'the account type is unknown'
    : m[1] === 'is_pro' ? yes(v, 'a pro account', 'not a pro account')
      : yes(v, 'an account that can upgrade', 'an account that cannot upgrade')],
  [/^user#account_age_days$/, 'author-age', (v) => v == null ? "the account's age is unknown"
    : `an account ${f.days(v)} old`],
  [/^user#has_profile$/, 'author-profile', (v) => yes(v, 'the author profile', 'no author profile')],
  [/^user#(.+)$/, 'author-field', (v, c, m) => v == null ? `the author's ${m[1]} is unknown`
    : `the author's ${m[1].replace(/_/g, ' ')}: ${f.int(v)}`],
  [/^history#(prev_posts|days_since_first)$/, 'author-activity', (v, c, m) => v == null ? 'no earlier posts'
    : m[1] === 'prev_posts' ? (v ? `${f.plural(v, 'earlier post')} by the author` : 'the first post by the author')
      : `the author has posted for ${f.days(v)}`],
  [/^history#days_since_prev$/, 'author-gap', (v) => v == null ? 'no earlier post by the author'
    : `${f.days(v)} since the author's previous post`],
  [/^history#posts_per_day$/, 'author-rate', (v) => v == null ? 'no posting rate yet'
    : `the author posts about ${f.one(v * 7)} times a week`],
  [/^history#tag_reuse$/, 'tag-reuse', (v) => v == null ? 'no tags'
    : `${f.int(v * 100)}% of the tags used by the author before`],
  [/^trend#last_label$/, 'author-recent', (v) => v == null ? 'the author has no scored posts yet'
    : `the author's last scored post (${f.two(v)})`],
  [/^trend#(recent_mean|recent_minus_all)$/, 'author-recent', (v, c, m) => v == null
    ? 'the author has no scored posts yet' : m[1] === 'recent_mean' ? `the author's recent posts (${f.two(v)} on average)`
      : v >= 0 ? "the author's recent posts doing better than before" : "the author's recent posts doing worse than before"],
  [/^trend#days_since_last_label$/, 'author-gap', (v) => v == null ? 'no earlier scored post by the author'
    : `${f.days(v)} since the author's last scored post`],
  [/^trend#labelled_before$/, 'author-record', (v) => v ? `${f.plural(v, 'scored earlier post')} by the author`
    : 'the author has no scored posts yet'],
  [/^geo#(latitude|longitude)$/, 'place', (v) => v == null ? 'the post has no place' : 'where the post was made'],
  [/^geo#freq_/, 'place-popular', (v) => v == null ? 'the post has no place' : 'how many posts are made at this place'],
  [/^geo#te_/, 'place-record', (v) => v == null ? 'the post has no place' : 'how posts made at this place did'],
  [/^geo#author_geo_share$/, 'author-places', (v) => v == null ? "the author's habits are unknown"
    : `the author adds a place to ${f.int(v * 100)}% of their posts`],
  [/^geo#km_from_usual_place$/, 'place-distance', (v) => v == null ? 'no usual place to compare with'
    : `${f.int(v)} km from the author's usual place`],
  [/^image#present$/, 'image', (v) => yes(v, 'having an image', 'having no image')],
  [/^image#(pca_\d+|nsfw_.*)$/, 'image-content', (v) => v == null ? 'no image' : 'what the picture shows'],
  [/^image#(width|height|aspect)$/, 'image-shape', (v) => v == null ? 'no image' : "the picture's size and shape"],
  [/^image#bytes_per_pixel$/, 'image-detail', () => 'how much detail the image file keeps'],
  [/^image#(brightness|contrast)$/, 'image-light', () => "the picture's light and contrast"],
  [/^image#(saturation|colourfulness|hue_\d+)$/, 'image-colour', () => "the picture's colours"],
  [/^image#sharpness$/, 'image-sharpness', () => 'how sharp the picture is'],
  [/^image#/, 'image-other', () => 'the picture'],
  [/^textemb#title/, 'title-meaning', () => 'what the title is about'],
  [/^textemb#tags/, 'tags-meaning', () => 'what the tags are about'],
  [/^crossmodal#img_title_align$/, 'fit-title', () => 'how well the title fits the picture'],
  [/^crossmodal#img_tags_align$/, 'fit-tags', () => 'how well the tags fit the picture'],
  [/^crossmodal#title_tags_cos$/, 'fit-title-tags', () => 'how well the title and the tags agree'],
  [/^crossmodal#author_img_sim$/, 'author-style', () => "how much the picture resembles the author's earlier ones"],
  [/^crossmodal#author_title_sim$/, 'author-title-style', () => "how much the title resembles the author's earlier ones"],
  [/^crossmodal#cat_img_sim$/, 'typical-picture', () => 'how typical the picture is for its category'],
  [/^crossmodal#cat_title_sim$/, 'typical-title', () => 'how typical the title is for its category'],
  [/^cluster#image/, 'image-kind', () => 'how posts with similar pictures did'],
  [/^cluster#(title|tags)/, 'title-kind', () => 'how posts with similar titles did'],
  [/^meta#category$/, 'category', (v, c) => c.category ? `the category “${c.category}”` : 'no category'],
  [/^meta#subcategory$/, 'subcategory', (v, c) => c.subcategory ? `the subcategory “${c.subcategory}”` : 'no subcategory'],
  [/^meta#concept$/, 'concept', (v, c) => c.concept ? `the concept “${c.concept}”` : 'no concept'],
  [/^meta#freq_(?:cat_)?(.+)$/, 'meta', (v, c, m) => `how common this ${m[1].replace(/_/g, ' ')} is`],
  [/^meta#te_(?:cat_)?(.+)$/, 'meta', (v, c, m) => `how posts with this ${m[1].replace(/_/g, ' ')} did`],
  [/^meta#ratio_(.+)$/, 'meta', () => 'the proportions of the post\'s numbers'],
  [/^meta#cat_(.+)$/, 'meta', (v, c, m) => `${m[1]} “${c.categorical[m[1]] ?? 'not set'}”`],
  [/^meta#num_(.+)$/, 'meta', (v, c, m) => v == null ? `${m[1]} not set` : `${m[1]} = ${f.two(v)}`],
  [/^tier1#(.+)$/, 'tier1', (v, c, m) => `the ${expertName(m[1])} specialist's estimate (${f.two(v)})`],
];

/** The aspect and words of one feature column. */
export function describe(feature, value, facts) {
  for (const [re, aspect, words] of RULES) {
    const m = feature.match(re);
    if (m) {
      const key = aspect === 'tier1' || aspect === 'meta' || aspect === 'author-field' ? aspect + ':' + m[1] : aspect;
      return { aspect: key, text: words(value, facts, m) };
    }
  }
  return { aspect: feature, text: feature };
}

/**
 * The top features of a prediction as reasons: grouped by aspect, contributions summed, words from the column
 * that contributes most within the aspect, largest effect first.
 */
export function reasons(topFeatures, facts) {
  const byAspect = new Map();
  for (const t of topFeatures) {
    const d = describe(t.feature, t.value, facts);
    const r = byAspect.get(d.aspect) || { aspect: d.aspect, text: d.text, contribution: 0, lead: 0, features: [] };
    r.contribution += t.contribution;
    if (Math.abs(t.contribution) > r.lead) {
      r.lead = Math.abs(t.contribution);
      r.text = d.text;
    }
    r.features.push(t.feature);
    byAspect.set(d.aspect, r);
  }
  return [...byAspect.values()].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

import type { Config } from '../config/index.js';
import type { Position } from '../model/ladder.js';
import { defineRule } from './define.js';
import { q } from './text.js';

// Lookarounds instead of \b so the words match in any script and "PRs" is no hit inside "SPRs".
const B = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';

/** Things a person does and can count: a number of them is a quota, not a behaviour. */
export const ACTIVITY_NOUNS: readonly string[] = [
  'talks', 'conference talks', 'presentations', 'keynotes', 'webinars', 'workshops', 'meetups', 'conferences',
  'posts', 'blog posts', 'articles', 'tutorials', 'videos', 'podcasts', 'newsletters',
  'PRs', 'pull requests', 'merge requests', 'commits', 'code reviews', 'tickets', 'story points', 'bugs fixed',
  'certifications', 'certificates', 'courses', 'trainings',
];

/** Periods a frequency quota counts in ("per quarter", "every sprint"). */
export const QUOTA_PERIODS: readonly string[] = ['day', 'week', 'fortnight', 'month', 'quarter', 'half', 'half-year', 'year', 'sprint', 'release', 'cycle', 'iteration', 'semester'];

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|a hundred|hundreds of|a dozen|dozens of|half a dozen|a couple of|a pair of';
/** A count: digits or number words, optionally bounded ("at least 2", "3+", "five or more"). */
const QUANTITY = `(?:(?:at least|at most|more than|fewer than|no fewer than|no less than|over|up to|a minimum of|minimum of|a total of) )?(?:\\d+(?:[.,]\\d+)?\\+?|${NUMBER_WORDS})(?: or more)?`;
const FREQUENCY_ADJECTIVES = 'daily|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annual|annually';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/** A word and its other number: "talks" also matches "talk", "PR" also "PRs". */
function forms(word: string): string[] {
  const w = word.trim();
  return /s$/i.test(w) ? [w, w.slice(0, -1)] : [w, `${w}s`];
}

export interface QuotaPatterns {
  /** A count right before an activity ("three meetups", "at least 2 merged PRs"). */
  counted: RegExp;
  /** An activity and a period in one expectation ("blog posts every month", "monthly talks"). */
  noun: RegExp;
  period: RegExp;
}

const cache = new WeakMap<object, QuotaPatterns>();

/** The patterns for a config's word lists (`activityQuota.nouns`, `.periods`, `.ignore`); built once per config. */
export function quotaPatterns(options: Config['activityQuota'] | undefined): QuotaPatterns {
  const key = options ?? DEFAULT_KEY;
  let out = cache.get(key);
  if (out) return out;
  const ignore = new Set((options?.ignore ?? []).flatMap(forms).map((w) => w.toLocaleLowerCase('en')));
  const nouns = [...new Set([...ACTIVITY_NOUNS, ...(options?.nouns ?? [])].flatMap(forms))]
    .filter((w) => !ignore.has(w.toLocaleLowerCase('en')))
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  const periods = [...new Set([...QUOTA_PERIODS, ...(options?.periods ?? [])])].sort((a, b) => b.length - a.length);
  const noun = nouns.length > 0 ? `(?:${nouns.map(escape).join('|')})` : '(?!)';
  // "a year" counts, "for a year" or "within a year" (a duration) does not.
  const period = `(?:(?<!(?:for|in|within|over|after|than|about|nearly|almost|once)\\s)(?:per|each|every|a|an|twice a|twice per)\\s+(?:${periods.map(escape).join('|')})|${FREQUENCY_ADJECTIVES})`;
  out = {
    counted: new RegExp(`${B}${QUANTITY}(?:\\s+[\\p{L}-]+){0,2}?\\s+${noun}${E}(?:\\s+${period}${E})?`, 'iu'),
    noun: new RegExp(`${B}${noun}${E}`, 'iu'),
    period: new RegExp(`${B}${period}${E}`, 'iu'),
  };
  cache.set(key, out);
  return out;
}
const DEFAULT_KEY = {};

export interface QuotaHit {
  /** The words that make the quota, as written. */
  found: string;
  index: number;
}

/** The quota an expectation sets, if any: a counted activity, or an activity with a frequency. */
export function findActivityQuota(text: string, patterns: QuotaPatterns): QuotaHit | undefined {
  // Most expectations name no activity: one pass for the nouns spares them the costlier patterns.
  const noun = patterns.noun.exec(text);
  if (!noun) return undefined;
  const counted = patterns.counted.exec(text);
  if (counted) return { found: counted[0], index: counted.index };
  const period = patterns.period.exec(text);
  if (!period) return undefined;
  const start = Math.min(noun.index, period.index);
  const end = Math.max(noun.index + noun[0].length, period.index + period[0].length);
  // Far apart, the period belongs to something else ("talks … planned every quarter with marketing").
  if (text.slice(start, end).split(/\s+/).length > 10) return undefined;
  return { found: text.slice(start, end), index: start };
}

/** Points at the quota itself when the source is one line and says it the same way, else at the expectation. */
function narrow(position: Position, source: string, hit: QuotaHit): Position {
  const at = source.indexOf(hit.found);
  if (at < 0 || source.lastIndexOf('\n', at) >= 0) return position;
  const column = position.column + at;
  return { line: position.line, column, endLine: position.line, endColumn: column + hit.found.length };
}

export default defineRule({
  id: 'activity-quota',
  severity: 'warning',
  description: 'Expectations describe behaviour, not a count of activities ("three meetups a year", "10 PRs per sprint").',
  check({ ladder, config, report }) {
    const patterns = quotaPatterns(config.activityQuota);
    const check = (text: string, markdown: string, where: string, position: Position) => {
      const hit = findActivityQuota(text, patterns);
      if (!hit) return;
      report(
        `Unexpected activity quota ${q(hit.found)} in ${where}, expected a behaviour: a count turns growth into a checklist that people tick instead of growing; describe the behaviour the activity shows (what it changes, for whom) rather than how often it happens`,
        narrow(position, markdown, hit),
      );
    };
    for (const level of ladder.levels) {
      for (const cell of level.cells) {
        for (const e of cell.expectations) check(e.text, e.markdown, `an expectation of level ${q(level.title)}`, e.position);
      }
    }
    for (const cell of ladder.shared) for (const e of cell.expectations) check(e.text, e.markdown, 'a shared expectation', e.position);
  },
});

import { diffArrays } from 'diff';
import { CONDITIONS, EXAMPLE_MARKERS, FUNCTION_WORDS, LISTS, ONE_WAY, OPPOSITES, SCALES, SYNONYMS, type TierDef } from './lexicon.js';
import { editDistance, stem, tokenize, type Token } from './text.js';
import { cachePer, textCache } from '../reuse.js';

/**
 * The registry of signals: each reads the two texts of a rewording and says what moved, with a
 * direction and a reason in words. One entry per signal, a stable id, its word lists (lexicon.ts,
 * extended by config), and a detector; classify.ts weighs the evidence. Detectors run in registry
 * order and claim the words they match, so "without guidance" is autonomy, never a negation.
 */

export type Direction = 'raised' | 'lowered' | 'changed' | 'same';

export interface Evidence {
  /** The signal's id (SIGNAL_IDS). */
  signal: string;
  direction: Direction;
  /** In words: "'with some guidance' removed: more autonomy expected". */
  reason: string;
}

export type ScaleId = keyof typeof SCALES;
export type ListId = keyof typeof LISTS;

/** Word lists as config may extend them: tiers of a scale by name, plain lists, synonym groups. */
export interface LexiconInput {
  scales: Record<ScaleId, readonly TierDef[]>;
  lists: Record<ListId, readonly string[]>;
  synonyms: ReadonlyArray<readonly string[]>;
}

interface Phrase {
  text: string;
  canon: string[];
  stem: string[];
  rank: number;
  tier: string;
}

/** Word lists tokenized once, longest phrase first. */
export interface Lexicon {
  scales: Record<ScaleId, Phrase[]>;
  lists: Record<ListId, Phrase[]>;
  synonyms: Phrase[][];
  quantities: Phrase[];
  bounds: Phrase[];
  examples: Phrase[];
  conditions: Phrase[];
  oneWay: Phrase[];
  /** Single words of every scale and list, by canon form: a word here is never a mere typo. */
  words: Map<string, Set<string>>;
  /** The same, by stem, for inflected forms the lists do not spell out. */
  stems: Map<string, Set<string>>;
}

/** The signal tiers a single word belongs to ("verb:leads"), by its spelling first, else its stem. */
export function tiersOf(lexicon: Lexicon, t: Token): string {
  return [...(lexicon.words.get(t.canon) ?? lexicon.stems.get(t.stem) ?? [])].sort().join('|');
}

function phrase(text: string, tier = '', rank = 0): Phrase {
  const t = tokenize(text);
  return { text, canon: t.map((x) => x.canon), stem: t.map((x) => x.stem), rank, tier };
}

const longestFirst = (a: Phrase, b: Phrase) => b.canon.length - a.canon.length;

export function compileLexicon(input: LexiconInput): Lexicon {
  const scales = {} as Record<ScaleId, Phrase[]>;
  const words = new Map<string, Set<string>>();
  const stems = new Map<string, Set<string>>();
  const note = (p: Phrase, id: string) => {
    if (p.canon.length !== 1) return;
    for (const [map, key] of [[words, p.canon[0]!], [stems, p.stem[0]!]] as const) {
      const set = map.get(key) ?? new Set<string>();
      set.add(id);
      map.set(key, set);
    }
  };
  for (const id of Object.keys(input.scales) as ScaleId[]) {
    scales[id] = input.scales[id].flatMap((t) => t.phrases.map((p) => phrase(p, t.name, t.rank))).sort(longestFirst);
    for (const p of scales[id]) note(p, `${id}:${p.tier}`);
  }
  const lists = {} as Record<ListId, Phrase[]>;
  for (const id of Object.keys(input.lists) as ListId[]) {
    lists[id] = input.lists[id].map((p) => phrase(p, id)).sort(longestFirst);
    for (const p of lists[id]) note(p, id);
  }
  const quantities = Object.entries(QUANTITY_WORDS).map(([p, n]) => phrase(p, 'count', n)).sort(longestFirst);
  for (const p of quantities) note(p, `quantity:${p.rank}`);
  for (const w of ['and', 'or']) note(phrase(w), `any-or-all:${w}`);
  return {
    scales,
    lists,
    synonyms: input.synonyms.map((g) => g.map((p) => phrase(p, 'synonym')).sort(longestFirst)),
    quantities,
    bounds: Object.entries(BOUNDS).map(([p, b]) => phrase(p, b)).sort(longestFirst),
    examples: EXAMPLE_MARKERS.map((p) => phrase(p, 'example')).sort(longestFirst),
    conditions: CONDITIONS.map((p) => phrase(p, 'condition')).sort(longestFirst),
    oneWay: ONE_WAY.map((p) => phrase(p, 'one-way')).sort(longestFirst),
    words,
    stems,
  };
}

export const DEFAULT_LEXICON_INPUT: LexiconInput = { scales: SCALES, lists: LISTS, synonyms: SYNONYMS };

// ---- the two texts, aligned ---------------------------------------------------------------------

interface Side {
  text: string;
  tokens: readonly Token[];
  /** Not in the unchanged part of the word diff. */
  changed: boolean[];
  /** Of a changed token, the number of its hunk (the same on both sides for a replacement); -1 when unchanged. */
  hunk: number[];
  /** Matched by a signal that ran earlier. */
  claimed: boolean[];
  /** Accounted for by some evidence (or by an unchanged match): the residual leaves it alone. */
  explained: boolean[];
  /** Clause number of each token (commas, semicolons, brackets and full stops separate clauses). */
  clause: readonly number[];
}

export interface Occurrence {
  start: number;
  end: number;
  phrase: Phrase;
  /** Some word of it is in the changed part. */
  changed: boolean;
  /** As written in the source. */
  text: string;
}

export class Pair {
  readonly before: Side;
  readonly after: Side;
  constructor(
    before: string,
    after: string,
    readonly lexicon: Lexicon,
  ) {
    this.before = side(before);
    this.after = side(after);
    // By spelling-neutral form, not stem: "team" → "teams" is a change of scope; the residual forgives inflections.
    const parts = diffArrays(this.before.tokens.map((t) => t.canon), this.after.tokens.map((t) => t.canon));
    let i = 0;
    let j = 0;
    let hunk = 0;
    for (const p of parts) {
      if (!p.removed && !p.added) hunk++;
      for (let k = 0; k < p.count; k++) {
        if (p.removed) {
          this.before.hunk[i] = hunk;
          this.before.changed[i++] = true;
        } else if (p.added) {
          this.after.hunk[j] = hunk;
          this.after.changed[j++] = true;
        } else {
          i++;
          j++;
        }
      }
    }
  }

  /** Every unclaimed occurrence of the phrases in one side, longest first at each place; claims them. */
  find(which: 'before' | 'after', phrases: readonly Phrase[], opts: { claim?: boolean; exact?: boolean; anyClaim?: boolean } = {}): Occurrence[] {
    const s = this[which];
    const out: Occurrence[] = [];
    const free = opts.anyClaim ? null : s.claimed;
    const [canon, stem] = [byFirst(phrases, 'canon'), opts.exact ? undefined : byFirst(phrases, 'stem')];
    for (let i = 0; i < s.tokens.length; ) {
      const p = free?.[i] ? undefined : (matchAt(s, i, canon, 'canon', free) ?? (stem ? matchAt(s, i, stem, 'stem', free) : undefined));
      if (!p) {
        i++;
        continue;
      }
      const end = i + p.canon.length;
      if (opts.claim !== false) for (let k = i; k < end; k++) s.claimed[k] = true;
      out.push({ start: i, end, phrase: p, changed: s.changed.slice(i, end).some(Boolean), text: quoteOf(s, i, end) });
      i = end;
    }
    return out;
  }

  explain(which: 'before' | 'after', occ: { start: number; end: number }): void {
    for (let k = occ.start; k < occ.end; k++) this[which].explained[k] = true;
  }

  quote(which: 'before' | 'after', start: number, end: number): string {
    return quoteOf(this[which], start, end);
  }
}

function side(text: string): Side {
  const { normal, tokens, clause } = sideBase(text);
  const n = tokens.length;
  return { text: normal, tokens, changed: new Array(n).fill(false), hunk: new Array(n).fill(-1), claimed: new Array(n).fill(false), explained: new Array(n).fill(false), clause };
}

/** What a side holds that only its text decides, remembered per text (the arrays are shared: read only). */
const sideBases = textCache<{ normal: string; tokens: readonly Token[]; clause: readonly number[] }>(undefined, 20_000);

function sideBase(text: string): { normal: string; tokens: readonly Token[]; clause: readonly number[] } {
  return sideBases(text, () => {
    const normal = text.normalize('NFKC');
    const tokens = tokenize(text);
    const clause: number[] = [];
    let c = 0;
    tokens.forEach((t, i) => {
      const gap = i === 0 ? '' : normal.slice(tokens[i - 1]!.end, t.start);
      if (/[,;:.()[\]—–!?]/.test(gap)) c++;
      clause.push(c);
    });
    return { normal, tokens, clause };
  });
}

/** Phrases by their first word (canon and stem), longest first: a lookup instead of a scan at every word. */
const firstWord = new WeakMap<readonly Phrase[], Record<'canon' | 'stem', Map<string, Phrase[]>>>();
function byFirst(phrases: readonly Phrase[], by: 'canon' | 'stem'): Map<string, Phrase[]> {
  let index = firstWord.get(phrases);
  if (!index) {
    index = { canon: new Map(), stem: new Map() };
    for (const p of phrases) {
      for (const k of ['canon', 'stem'] as const) {
        const w = p[k][0];
        if (w === undefined) continue;
        const list = index[k].get(w) ?? [];
        list.push(p);
        index[k].set(w, list);
      }
    }
    firstWord.set(phrases, index);
  }
  return index[by];
}

/** The longest phrase of `index` (byFirst) that starts at word `i` and overlaps no claimed word. */
function matchAt(s: Side, i: number, index: ReadonlyMap<string, readonly Phrase[]>, by: 'canon' | 'stem', claimed: readonly boolean[] | null = s.claimed): Phrase | undefined {
  const candidates = index.get(s.tokens[i]?.[by] ?? '');
  if (!candidates) return undefined;
  outer: for (const p of candidates) {
    const words = p[by];
    if (words.length === 0 || i + words.length > s.tokens.length) continue;
    for (let k = 0; k < words.length; k++) {
      if (claimed?.[i + k] || s.tokens[i + k]![by] !== words[k]) continue outer;
    }
    return p;
  }
  return undefined;
}

function quoteOf(s: Side, start: number, end: number): string {
  if (start >= end) return '';
  return s.text.slice(s.tokens[start]!.start, s.tokens[end - 1]!.end);
}

// ---- the registry -------------------------------------------------------------------------------

export interface SignalDef {
  id: string;
  /** What it looks for, for --help and the README. */
  summary: string;
  detect(pair: Pair): Evidence[];
}

function defineSignal<const Id extends string>(def: { id: Id; summary: string; detect(pair: Pair, id: Id): Evidence[] }) {
  return { id: def.id, summary: def.summary, detect: (pair: Pair) => def.detect(pair, def.id) };
}

const q = (s: string) => `'${s}'`;
const join = (occs: Occurrence[]) => occs.map((o) => o.text).join(', ');

/** A scale: compares the tiers of the changed phrases on both sides; a lone phrase against the implicit tier. */
function scaleSignal<const Id extends ScaleId>(
  id: Id,
  summary: string,
  opts: {
    more: string; less: string; same: string; neutral: [number, number]; loneNeutralExplains: boolean;
    notAfter?: ReadonlySet<string>; exact?: boolean; takesObject?: boolean;
    /** Only the phrase's words or their inflections (owns, leading): "observable", "leaders", "new joiners" are not the part taken. */
    inflectedOnly?: boolean;
  },
) {
  return defineSignal({
    id,
    summary,
    detect(pair) {
      const phrases = pair.lexicon.scales[id];
      // "their lead", "the owner's": after a determiner the word is a noun, not the part taken.
      const keep = (which: 'before' | 'after') => (o: Occurrence) =>
        !opts.notAfter?.has(pair[which].tokens[o.start - 1]?.raw ?? '') &&
        // "tools defined by the team": a participle describes something, it is not the part taken.
        !(opts.notAfter && o.start > 0 && pair[which].tokens[o.start]!.raw.endsWith('ed') && pair[which].tokens[o.start]!.raw !== 'led') &&
        !(opts.inflectedOnly && derived(pair[which].tokens.slice(o.start, o.end).map((t) => t.raw), o.phrase.canon)) &&
        // "decides" for "makes decisions": one act said two ways, which the residual pairs.
        !(opts.inflectedOnly && o.end - o.start === 1 && nominalized(pair, which, o.start));
      const b = pair.find('before', phrases, { exact: opts.exact }).filter(keep('before'));
      const a = pair.find('after', phrases, { exact: opts.exact }).filter(keep('after'));
      // "with help from senior engineers": whose help belongs to the phrase, not to another signal.
      if (opts.takesObject) for (const [which, os] of [['before', b], ['after', a]] as const) for (const o of os) takeObject(pair, which, o);
      const R = b.filter((o) => o.changed);
      const A = a.filter((o) => o.changed);
      if (R.length === 0 && A.length === 0) return [];
      const top = (os: Occurrence[]) => Math.max(...os.map((o) => o.phrase.rank));
      const say = (direction: Direction, reason: string): Evidence[] => {
        for (const o of R) pair.explain('before', o);
        for (const o of A) pair.explain('after', o);
        return [{ signal: id, direction, reason }];
      };
      const [lo, hi] = opts.neutral;
      if (R.length > 0 && A.length > 0) {
        const r = top(R);
        const x = top(A);
        const what = `${q(join(R))} → ${q(join(A))}`;
        if (x > r) return say('raised', `${what}: ${opts.more}`);
        if (x < r) return say('lowered', `${what}: ${opts.less}`);
        return say('same', `${what}: ${opts.same}`);
      }
      if (A.length > 0) {
        const x = top(A);
        if (x > hi) return say('raised', `${q(join(A))} added: ${opts.more}`);
        if (x < lo) return say('lowered', `${q(join(A))} added: ${opts.less}`);
        // "junior engineers" → "junior and mid-level engineers": beside one the text kept, an added
        // neutral word widens what is asked; it explains itself only where it stands alone.
        const kept = b.some((o) => !o.changed);
        return opts.loneNeutralExplains && !kept ? say('same', `${q(join(A))} added: ${opts.same}`) : [];
      }
      const r = top(R);
      if (r > hi) return say('lowered', `${q(join(R))} removed: ${opts.less}`);
      if (r < lo) return say('raised', `${q(join(R))} removed: ${opts.more}`);
      return opts.loneNeutralExplains && !a.some((o) => !o.changed) ? say('same', `${q(join(R))} removed: ${opts.same}`) : [];
    },
  });
}

/** Endings that make a noun or an adjective of a verb: the stem matches, the word is not the verb. */
const DERIVED = /(?:able|ible|ers?|ments?|ations?|ful|fully|ness|ships?|ly)$/;

/** Some word reached its phrase's word through a derivation ("observable" → observes), not an inflection. */
function derived(raws: readonly string[], canon: readonly string[]): boolean {
  return raws.some((raw, i) => {
    const word = raw.toLowerCase();
    return word !== canon[i] && DERIVED.test(word) && !DERIVED.test(canon[i] ?? '');
  });
}

/** A phrase ending in "from", "by" or "of" takes the rest of its clause as its object: claimed, and widened to cover it. */
function takeObject(pair: Pair, which: 'before' | 'after', o: Occurrence): void {
  const s = pair[which];
  if (!['from', 'by', 'of'].includes(s.tokens[o.end - 1]?.raw ?? '')) return;
  let end = o.end;
  while (end < s.tokens.length && s.clause[end] === s.clause[o.start] && end - o.end < 5) s.claimed[end++] = true;
  if (s.changed.slice(o.end, end).some(Boolean)) o.changed = true;
  o.end = end;
  o.text = pair.quote(which, o.start, end);
}

/** A plain list whose phrases soften (hedge) a demand: more of them lowers the bar. */
function countSignal<const Id extends ListId>(id: Id, summary: string, say: { added: string; removed: string; same: string; direction: { added: Direction; removed: Direction }; exact?: boolean; alone?: boolean }) {
  return defineSignal({
    id,
    summary,
    detect(pair) {
      // "Can write tests" softens the demand; "code others can read" does not.
      const governs = (which: 'before' | 'after') => (o: Occurrence) =>
        !MODALS.has(o.phrase.text) || o.start === 0 || ['and', 'or'].includes(pair[which].tokens[o.start - 1]!.raw);
      // "not just", "not only" add to the demand; they do not turn it around.
      const additive = (which: 'before' | 'after') => (o: Occurrence) => !['just', 'only', 'merely', 'simply', 'limited'].includes(pair[which].tokens[o.end]?.raw ?? '');
      const opts = { exact: say.exact === true, ...(say.alone ? { claim: false } : {}) };
      let R = pair.find('before', pair.lexicon.lists[id], opts).filter((o) => o.changed && governs('before')(o) && additive('before')(o));
      let A = pair.find('after', pair.lexicon.lists[id], opts).filter((o) => o.changed && governs('after')(o) && additive('after')(o));
      if (say.alone) {
        // Only words added or removed alone count: one replaced by another word ("clear" → "observable")
        // or joined by one ("helpful and actionable") is left to the other signals.
        const own = (which: 'before' | 'after', os: Occurrence[]) => new Set(os.flatMap((o) => Array.from({ length: o.end - o.start }, (_, k) => o.start + k)));
        const mixed = new Set<number>();
        for (const [which, os] of [['before', R], ['after', A]] as const) {
          const mine = own(which, os);
          pair[which].changed.forEach((c, k) => c && !mine.has(k) && mixed.add(pair[which].hunk[k]!));
        }
        // A word on both sides moved ("clear and concise" → "concise, clear"): the residual pairs it.
        const moved = new Set(R.map((o) => o.phrase.text).filter((t) => A.some((o) => o.phrase.text === t)));
        const alone = (which: 'before' | 'after') => (o: Occurrence) => !mixed.has(pair[which].hunk[o.start]!) && !moved.has(o.phrase.text);
        R = R.filter(alone('before'));
        A = A.filter(alone('after'));
        for (const [which, os] of [['before', R], ['after', A]] as const) for (const o of os) for (let k = o.start; k < o.end; k++) pair[which].claimed[k] = true;
      }
      if (R.length === 0 && A.length === 0) return [];
      for (const o of R) pair.explain('before', o);
      for (const o of A) pair.explain('after', o);
      if (A.length > R.length) return [{ signal: id, direction: say.direction.added, reason: `${q(join(A))} added${R.length ? ` (was ${q(join(R))})` : ''}: ${say.added}` }];
      if (R.length > A.length) return [{ signal: id, direction: say.direction.removed, reason: `${q(join(R))} removed${A.length ? ` (now ${q(join(A))})` : ''}: ${say.removed}` }];
      return [{ signal: id, direction: 'same', reason: `${q(join(R))} → ${q(join(A))}: ${say.same}` }];
    },
  });
}

const CONJUNCTIONS = [phrase('and', 'and'), phrase('or', 'or')];

const MODALS = new Set(['can', 'could', 'should', 'may', 'might', 'is able to', 'able to']);

const QUANTITY_WORDS: Record<string, number> = {
  'a couple of': 2, 'a couple': 2, 'couple of': 2, 'a pair of': 2, 'a few': 3, few: 2, several: 4, 'a handful of': 4, handful: 4,
  multiple: 3, many: 6, numerous: 6, 'lots of': 6, 'a lot of': 6, 'a number of': 4, dozens: 24, 'a dozen': 12, 'a single': 1, single: 1,
};
const BOUNDS: Record<string, 'min' | 'max'> = {
  'at least': 'min', 'a minimum of': 'min', 'no fewer than': 'min', 'no less than': 'min', 'more than': 'min', 'over': 'min',
  'at most': 'max', 'up to': 'max', 'no more than': 'max', 'a maximum of': 'max', 'fewer than': 'max', 'less than': 'max', under: 'max',
};
/** Time units in hours, so "2 hours" and "30 minutes" compare. */
const TIME_UNITS: Record<string, number> = {
  minute: 1 / 60, minutes: 1 / 60, hour: 1, hours: 1, day: 24, days: 24, week: 168, weeks: 168, sprint: 336, sprints: 336,
  month: 730, months: 730, quarter: 2190, quarters: 2190, year: 8760, years: 8760,
};
const DEADLINE_WORDS = new Set(['within', 'in', 'every', 'after', 'by', 'under']);

interface Amount {
  lo: number;
  hi: number;
  bound: 'min' | 'max' | 'exact';
  /** A time limit ("within 2 days"): fewer is more demanding. */
  inverse: boolean;
  start: number;
  end: number;
  changed: boolean;
  text: string;
}

function amounts(pair: Pair, which: 'before' | 'after'): Amount[] {
  const s = pair[which];
  const out: Amount[] = [];
  const numberAt = (i: number): { value: number; end: number } | undefined => {
    if (i >= s.tokens.length || s.claimed[i]) return undefined;
    const t = s.tokens[i]!;
    if (/^\d+(?:\.\d+)?$/.test(t.canon)) return { value: Number(t.canon), end: i + 1 };
    const p = matchAt(s, i, byFirst(pair.lexicon.quantities, 'canon'), 'canon');
    return p ? { value: p.rank, end: i + p.canon.length } : undefined;
  };
  for (let i = 0; i < s.tokens.length; i++) {
    if (s.claimed[i]) continue;
    const bound = matchAt(s, i, byFirst(pair.lexicon.bounds, 'canon'), 'canon');
    const at = bound ? i + bound.canon.length : i;
    // "within a day", "in under a week": the article is the number one of a time limit's unit.
    const article = (s.tokens[at]?.canon === 'a' || s.tokens[at]?.canon === 'an') && !s.claimed[at] && TIME_UNITS[s.tokens[at + 1]?.canon ?? ''] !== undefined && (bound !== undefined || DEADLINE_WORDS.has(s.tokens[i - 1]?.canon ?? ''));
    const first = article ? { value: 1, end: at + 1 } : numberAt(at);
    if (!first) continue;
    let end = first.end;
    let hi = first.value;
    let floor = false;
    // "one or more", "two or above": at least that many.
    if (s.tokens[end]?.canon === 'or' && ['more', 'above', 'greater'].includes(s.tokens[end + 1]?.canon ?? '')) {
      end += 2;
      floor = true;
    }
    const joiner = floor ? undefined : s.tokens[end]?.canon;
    const second = floor ? undefined : joiner === 'or' || joiner === 'to' || joiner === 'and' ? numberAt(end + 1) : numberAt(end);
    if (second && /^\d/.test(s.tokens[first.end - 1]!.canon) === /^\d/.test(s.tokens[second.end - 1]!.canon)) {
      hi = second.value;
      end = second.end;
    }
    const prev = s.tokens[i - 1]?.canon;
    // "one business day": the qualifier belongs to the unit.
    const qualified = ['business', 'working', 'calendar', 'full'].includes(s.tokens[end]?.canon ?? '') && TIME_UNITS[s.tokens[end + 1]?.canon ?? ''] !== undefined;
    if (qualified) end++;
    const next = s.tokens[end]?.canon;
    const unit = next === undefined ? undefined : TIME_UNITS[next];
    // "within 2 days" is a limit (fewer is more demanding); "5 years of experience" is an amount.
    const inverse = unit !== undefined && (DEADLINE_WORDS.has(prev ?? '') || bound?.tier === 'max' || (prev === undefined && s.tokens[end + 1]?.canon !== 'of'));
    const scale = unit ?? 1;
    if (unit !== undefined) end++;
    for (let k = i; k < end; k++) s.claimed[k] = true;
    out.push({ lo: first.value * scale, hi: hi * scale, bound: floor ? 'min' : ((bound?.tier as 'min' | 'max' | undefined) ?? 'exact'), inverse, start: i, end, changed: s.changed.slice(i, end).some(Boolean), text: pair.quote(which, i, end) });
    i = end - 1;
  }
  return out;
}

const BOUND_RANK = { max: 0, exact: 1, min: 2 } as const;

export const SIGNALS = [
  scaleSignal('autonomy', 'guidance asked for: with close guidance < with some guidance < with minimal guidance < independently', {
    more: 'more autonomy expected', less: 'less autonomy expected', same: 'the same autonomy', neutral: [2.5, 2.5], loneNeutralExplains: true, exact: true, takesObject: true,
  }),
  scaleSignal('cadence', 'calendar frequency: yearly < quarterly < monthly < weekly < daily', {
    more: 'expected more often', less: 'expected less often', same: 'the same cadence', neutral: [-1, -1], loneNeutralExplains: false, exact: true,
  }),
  scaleSignal('complexity', 'how hard the work: small / well-defined < medium < large / complex / ambiguous < the hardest', {
    more: 'harder work expected', less: 'easier work expected', same: 'the same difficulty', neutral: [1, 1], loneNeutralExplains: true, exact: true,
  }),
  scaleSignal('frequency', 'how often or how consistently: rarely < sometimes < usually < consistently / every < always', {
    more: 'expected more consistently', less: 'expected less consistently', same: 'the same consistency', neutral: [3.5, 3.5], loneNeutralExplains: true, exact: true,
  }),
  scaleSignal('proficiency', 'how deeply known: a basic understanding < a working one < a solid one / proficient in < a deep one / expert in', {
    more: 'deeper knowledge expected', less: 'shallower knowledge expected', same: 'the same depth', neutral: [1, 1], loneNeutralExplains: true, exact: true,
  }),
  scaleSignal('seniority', 'whose people: interns / juniors < mid-level < senior < staff / principal', {
    more: 'more senior people', less: 'less senior people', same: 'the same seniority', neutral: [1, 1], loneNeutralExplains: true, exact: true,
  }),
  scaleSignal('scope', 'whose work it reaches: own work < team < several teams < organization < company < industry', {
    more: 'a wider scope', less: 'a narrower scope', same: 'the same scope', neutral: [0, 1], loneNeutralExplains: true, exact: true,
  }),
  defineSignal({
    id: 'quantity',
    summary: 'numbers and amounts: "one or two" → "four or five", "a few", "several", "at least", "up to", time limits',
    detect(pair, id) {
      const allR = amounts(pair, 'before');
      const allA = amounts(pair, 'after');
      // As many amounts on both sides: they pair in order ("one" → "one or more" changed only on one side).
      const same = allR.length === allA.length;
      const R = same ? allR.filter((x, k) => x.changed || allA[k]!.changed) : allR.filter((x) => x.changed);
      const A = same ? allA.filter((x, k) => x.changed || allR[k]!.changed) : allA.filter((x) => x.changed);
      // "a junior engineer" → "two junior engineers": the article was the number one.
      const one = (which: 'before' | 'after', other: Amount[]): Amount[] => {
        const s = pair[which];
        const i = s.tokens.findIndex((t, k) => s.changed[k] && !s.claimed[k] && (t.raw === 'a' || t.raw === 'an' || t.raw === 'single'));
        if (i < 0 || other.length !== 1) return [];
        const next = s.tokens[i + 1]?.canon;
        const unit = next === undefined ? undefined : TIME_UNITS[next];
        const end = unit !== undefined ? i + 2 : i + 1;
        return [{ lo: unit ?? 1, hi: unit ?? 1, bound: 'exact', inverse: other[0]!.inverse, start: i, end, changed: true, text: pair.quote(which, i, end) }];
      };
      if (R.length === 0 && A.length === 1) R.push(...one('before', A));
      if (A.length === 0 && R.length === 1) A.push(...one('after', R));
      // "an engineer" → "engineers": one became several, with no number written.
      if (R.length === 0 && A.length === 0) {
        const plural = (from: 'before' | 'after', to: 'before' | 'after') => {
          const s = pair[from];
          for (let i = 0; i < s.tokens.length; i++) {
            if (!s.changed[i] || (s.tokens[i]!.raw !== 'a' && s.tokens[i]!.raw !== 'an')) continue;
            for (const k of [i + 1, i + 2]) {
              const noun = s.tokens[k];
              // A noun of the same clause, not a verb form ("a paint, communicated …").
              if (!noun || s.clause[k] !== s.clause[i] || /(?:s|ed|ing|ly)$/.test(noun.raw)) continue;
              // Not the first word of its clause: that is the verb ("Is a good listener" → "Listens well").
              const j = pair[to].tokens.findIndex((t, x) => pair[to].changed[x] && t.stem === noun.stem && t.raw.endsWith('s') && x > 0 && pair[to].clause[x - 1] === pair[to].clause[x]);
              if (j >= 0) return { text: pair.quote(from, i, k + 1), other: pair.quote(to, j, j + 1), start: i, end: k + 1, j };
            }
          }
          return undefined;
        };
        const up = plural('before', 'after');
        if (up) {
          pair.explain('before', up);
          pair.explain('after', { start: up.j, end: up.j + 1 });
          return [{ signal: id, direction: 'raised', reason: `${q(up.text)} → ${q(up.other)}: more than one expected` }];
        }
        const down = plural('after', 'before');
        if (down) {
          pair.explain('after', down);
          pair.explain('before', { start: down.j, end: down.j + 1 });
          return [{ signal: id, direction: 'lowered', reason: `${q(down.other)} → ${q(down.text)}: only one expected` }];
        }
      }
      const out: Evidence[] = [];
      const n = Math.max(R.length, A.length);
      for (let k = 0; k < n; k++) {
        const r = R[k];
        const a = A[k];
        if (r) pair.explain('before', r);
        if (a) pair.explain('after', a);
        if (!r || !a) {
          const x = (a ?? r)!;
          // A time limit where there was none asks more; dropping one asks less.
          if (x.inverse) out.push({ signal: id, direction: a ? 'raised' : 'lowered', reason: a ? `${q(x.text)} added: a time limit` : `${q(x.text)} removed: no time limit now` });
          else out.push({ signal: id, direction: 'changed', reason: a ? `${q(x.text)} added: a number the expectation did not have` : `${q(x.text)} removed: the number is gone` });
          continue;
        }
        const mid = (x: Amount) => (x.lo + x.hi) / 2;
        let d = Math.sign(mid(a) - mid(r)) || Math.sign(BOUND_RANK[a.bound] - BOUND_RANK[r.bound]);
        if (r.inverse || a.inverse) d = r.inverse && a.inverse ? -Math.sign(mid(a) - mid(r)) || Math.sign(BOUND_RANK[a.bound] - BOUND_RANK[r.bound]) : 0;
        const what = `${q(r.text)} → ${q(a.text)}`;
        if (r.inverse !== a.inverse) out.push({ signal: id, direction: 'changed', reason: `${what}: a different kind of amount` });
        else if (d > 0) out.push({ signal: id, direction: 'raised', reason: `${what}: ${a.inverse ? 'a tighter time limit' : 'more expected'}` });
        else if (d < 0) out.push({ signal: id, direction: 'lowered', reason: `${what}: ${a.inverse ? 'a looser time limit' : 'less expected'}` });
        else out.push({ signal: id, direction: 'same', reason: `${what}: the same amount` });
      }
      return out;
    },
  }),
  scaleSignal('verb', 'the part taken: learns < participates / helps < contributes < leads / owns / drives / sets', {
    more: 'a stronger role', less: 'a lesser role', same: 'the same role', neutral: [0.5, 2.5], loneNeutralExplains: false,
    // After a subject or a relative word the verb is someone else's, or in a clause of its own ("shares what they learn").
    notAfter: new Set(['a', 'an', 'the', 'their', 'his', 'her', 'its', 'our', 'your', 'team', "team's", 'tech', 'technical', 'they', 'we', 'you', 'i', 'it', 'what', 'which', 'who', 'others', 'everyone']),
    inflectedOnly: true,
  }),
  countSignal('hedge', 'softeners: "starts to", "begins to", "where possible", "ideally", "close to"', {
    added: 'a softer demand', removed: 'a firmer demand', same: 'as soft as before', direction: { added: 'lowered', removed: 'raised' },
  }),
  countSignal('manner', 'how well, not how much: "clear", "specific", "constructive", "actionable"', {
    added: 'said more precisely, the same demand', removed: 'said more plainly, the same demand', same: 'the same manner', direction: { added: 'same', removed: 'same' },
    // As written: the stems of "helpful", "useful" or "constructive" are verbs ("helps", "uses", "constructs").
    exact: true,
    alone: true,
  }),
  countSignal('negation', 'not, never, no longer, without (outside "without guidance"): the demand turned around', {
    added: 'the expectation is turned around', removed: 'the expectation is turned around', same: 'the same negation', direction: { added: 'changed', removed: 'changed' },
  }),
  defineSignal({
    id: 'any-or-all',
    summary: '"and" ↔ "or": all of a list, or any one of it',
    detect(pair, id) {
      const conj = CONJUNCTIONS;
      // An "and" or "or" among examples ("for example talks or blog posts") lists examples: the residual reads them.
      const inExamples = (which: 'before' | 'after') => {
        const markers = pair.find(which, pair.lexicon.examples, { claim: false, exact: true });
        return (o: Occurrence) => markers.some((m) => m.start < o.start && pair[which].clause[m.start] === pair[which].clause[o.start]);
      };
      const [exB, exA] = [inExamples('before'), inExamples('after')];
      const R = pair.find('before', conj).filter((o) => o.changed && !exB(o));
      const A = pair.find('after', conj).filter((o) => o.changed && !exA(o));
      const has = (os: Occurrence[], w: string) => os.some((o) => o.phrase.tier === w);
      const say = (direction: Direction, reason: string): Evidence[] => {
        for (const o of R) pair.explain('before', o);
        for (const o of A) pair.explain('after', o);
        return [{ signal: id, direction, reason }];
      };
      if (has(R, 'and') && has(A, 'or') && !has(A, 'and')) return say('lowered', "'and' → 'or': any one of them is enough now");
      if (has(R, 'or') && has(A, 'and') && !has(A, 'or')) return say('raised', "'or' → 'and': all of them are expected now");
      // "…, or says early when it slips": a new alternative also meets the expectation.
      const alt = A.find((o) => o.phrase.tier === 'or' && R.length === 0 && pair.after.changed.slice(o.end).some(Boolean));
      if (alt) {
        const s = pair.after;
        let end = alt.end;
        while (end < s.tokens.length && s.changed[end] && s.clause[end] === s.clause[alt.start]) end++;
        for (let k = alt.start; k < end; k++) s.explained[k] = true;
        return [{ signal: id, direction: 'lowered', reason: `${q(pair.quote('after', alt.start, end))} added: an alternative now meets it` }];
      }
      return [];
    },
  }),
  defineSignal({
    id: 'subject',
    summary: 'words of substance replaced, added or removed that no other signal explains: a different subject, more or less asked',
    detect(pair, id) {
      return residual(pair, id);
    },
  }),
] as const;

export type SignalId = (typeof SIGNALS)[number]['id'];
export const SIGNAL_IDS = SIGNALS.map((s) => s.id) as SignalId[];

/** Synonym groups by the first word (canon or stem) of their phrases. */
const synonymIndex = new WeakMap<Lexicon, Map<string, number[]>>();

/** The synonym groups with a phrase that could start at some word of each side (a lookup, not a scan per group). */
function synonymCandidates(pair: Pair): Set<number> {
  let index = synonymIndex.get(pair.lexicon);
  if (!index) {
    index = new Map();
    for (const [g, group] of pair.lexicon.synonyms.entries()) {
      for (const p of group) {
        for (const key of [`c:${p.canon[0]}`, `s:${p.stem[0]}`]) {
          const list = index.get(key) ?? [];
          if (!list.includes(g)) list.push(g);
          index.set(key, list);
        }
      }
    }
    synonymIndex.set(pair.lexicon, index);
  }
  const hits = (which: 'before' | 'after') => {
    const found = new Set<number>();
    for (const t of pair[which].tokens) for (const key of [`c:${t.canon}`, `s:${t.stem}`]) for (const g of index.get(key) ?? []) found.add(g);
    return found;
  };
  const after = hits('after');
  return new Set([...hits('before')].filter((g) => after.has(g)));
}

/**
 * What is left once every signal has spoken: changed words of substance. Inflections, synonyms,
 * near-misspellings, reordering and examples cancel; what remains is a new subject (replaced), more
 * asked (added) or less asked (removed).
 */
function residual(pair: Pair, id: 'subject'): Evidence[] {
  const out: Evidence[] = [];
  const open = (which: 'before' | 'after') => {
    const s = pair[which];
    return s.tokens.map((t, i) => i).filter((i) => s.changed[i] && !s.explained[i] && !FUNCTION_WORDS.has(s.tokens[i]!.raw) && !FUNCTION_WORDS.has(s.tokens[i]!.canon));
  };
  // Examples: words after "such as", "e.g." in their clause, or in brackets, illustrate the demand.
  const examples = (which: 'before' | 'after') => {
    const s = pair[which];
    const markers = pair.find(which, pair.lexicon.examples, { claim: false, exact: true });
    const found: number[] = [];
    // A bracket is an aside when it lists things or names examples; "(mandatory for large changes)" is not.
    const listy = (i: number) => {
      const inside = s.tokens.map((t, k) => k).filter((k) => s.tokens[k]!.paren && Math.abs(k - i) < 12);
      return markers.some((m) => inside.includes(m.start)) || new Set(inside.map((k) => s.clause[k])).size > 1;
    };
    for (const i of open(which)) {
      if ((s.tokens[i]!.paren && listy(i)) || markers.some((m) => m.start < i && s.clause[m.start] === s.clause[i])) found.push(i);
    }
    return found;
  };
  for (const which of ['before', 'after'] as const) {
    const ex = examples(which);
    if (ex.length > 0) {
      for (const i of ex) pair.explain(which, { start: i, end: i + 1 });
      const text = pair.quote(which, Math.min(...ex), Math.max(...ex) + 1);
      out.push({ signal: id, direction: 'same', reason: `examples ${which === 'after' ? 'added' : 'removed'} (${q(text)}): the same demand` });
    }
  }
  // Synonyms: a phrase of a group on each side. Only groups some word of each side could start are looked for.
  const candidates = synonymCandidates(pair);
  for (const [g, group] of pair.lexicon.synonyms.entries()) {
    if (!candidates.has(g)) continue;
    // An occurrence counts when some changed word of it is not accounted for yet.
    const unaccounted = (which: 'before' | 'after') => (o: Occurrence) => {
      for (let k = o.start; k < o.end; k++) if (pair[which].changed[k] && !pair[which].explained[k]) return true;
      return false;
    };
    const b = pair.find('before', group, { claim: false, anyClaim: true }).filter(unaccounted('before'));
    const a = pair.find('after', group, { claim: false, anyClaim: true }).filter(unaccounted('after'));
    if (b.length === 0 || a.length === 0) continue;
    if (b.length === a.length && b.every((o, k) => o.phrase === a[k]!.phrase)) continue;
    for (const o of b) pair.explain('before', o);
    for (const o of a) pair.explain('after', o);
    out.push({ signal: id, direction: 'same', reason: `${q(join(b))} → ${q(join(a))}: the same meaning` });
  }
  // "Mentors others" → "Mentors and coaches others": a synonym joined by "and" or "or" to the word it
  // doubles, which both sides say, asks nothing more (nor, dropped, less).
  for (const [g, group] of pair.lexicon.synonyms.entries()) {
    if (!candidates.has(g)) continue;
    for (const which of ['before', 'after'] as const) {
      const s = pair[which];
      const occ = pair.find(which, group, { claim: false, anyClaim: true });
      if (occ.length < 2) continue;
      const joined = (a: Occurrence, b: Occurrence) => {
        const [x, y] = a.start < b.start ? [a, b] : [b, a];
        const between = s.tokens.slice(x.end, y.start).map((t) => t.raw);
        return between.length === 1 && (between[0] === 'and' || between[0] === 'or');
      };
      for (const o of occ) {
        const fresh = Array.from({ length: o.end - o.start }, (_, k) => o.start + k).every((k) => s.changed[k] && !s.explained[k]);
        const twin = occ.find((k) => k !== o && !k.changed && k.phrase !== o.phrase && joined(k, o));
        if (!fresh || !twin) continue;
        pair.explain(which, o);
        // The "and" or "or" between them goes with the doublet.
        for (let k = Math.min(o.end, twin.end); k < Math.max(o.start, twin.start); k++) if (s.changed[k]) s.explained[k] = true;
        const span = pair.quote(which, Math.min(o.start, twin.start), Math.max(o.end, twin.end));
        out.push({ signal: id, direction: 'same', reason: `${q(span)}: ${q(o.text)} ${which === 'after' ? 'added' : 'removed'} beside its synonym, the same meaning` });
      }
    }
  }
  // A word dropped that the other side still says elsewhere (a repeated label, "Evolves: evolves …") is no demand gone.
  // Only a word beside its double: "ask for help" → "ask for help and helps others" adds a demand.
  const doubled = (which: 'before' | 'after', i: number) => {
    const t = pair[which].tokens;
    return t[i - 1]?.stem === t[i]!.stem || t[i + 1]?.stem === t[i]!.stem;
  };
  const says = { before: new Set(pair.before.tokens.map((t) => t.stem)), after: new Set(pair.after.tokens.map((t) => t.stem)) };
  const count = (which: 'before' | 'after', stem: string) => pair[which].tokens.filter((t) => t.stem === stem).length;
  /** Word `i` of `from` is a change of substance, not a double of a word `to` still says as often. */
  const substantive = (from: 'before' | 'after', to: 'before' | 'after', i: number) => {
    const stem = pair[from].tokens[i]!.stem;
    return !says[to].has(stem) || !doubled(from, i) || count(from, stem) <= count(to, stem);
  };
  let R = open('before').filter((i) => substantive('before', 'after', i));
  let A = open('after').filter((i) => substantive('after', 'before', i));
  // Reordered or inflected: the same stem on both sides.
  const stems = (which: 'before' | 'after', i: number) => pair[which].tokens[i]!.stem;
  const pool = new Map<string, number[]>();
  for (const i of A) pool.set(stems('after', i), [...(pool.get(stems('after', i)) ?? []), i]);
  const travelled: Array<[number, number]> = [];
  const swapped: Array<[number, number]> = [];
  R = R.filter((i) => {
    const list = pool.get(stems('before', i));
    if (!list || list.length === 0) return true;
    const j = list.shift()!;
    A = A.filter((x) => x !== j);
    if (Math.abs(i - j) > 3) travelled.push([i, j]);
    swapped.push([i, j]);
    return false;
  });
  // An adverb on one side for its adjective on the other ("clear documentation" → "documents …
  // clearly"): the other side's word may be one the residual sets aside as a function word.
  const adverb = (which: 'before' | 'after', stem: string) => pair[which].tokens.findIndex((t, k) => pair[which].changed[k] && t.stem === stem && FUNCTION_WORDS.has(t.raw));
  R = R.filter((i) => {
    const j = adverb('after', stems('before', i));
    if (j >= 0) swapped.push([i, j]);
    return j < 0;
  });
  A = A.filter((j) => {
    const i = adverb('before', stems('after', j));
    if (i >= 0) swapped.push([i, j]);
    return i < 0;
  });
  // A light verb and its noun on one side, the verb itself on the other ("provides mentorship" →
  // "mentors", "makes decisions about" → "decides on"): one act, said two ways.
  for (const [from, to] of [['before', 'after'], ['after', 'before']] as const) {
    const s = pair[from];
    const o = pair[to];
    const mine = () => (from === 'before' ? R : A);
    const drop = (which: 'before' | 'after', k: number) => {
      if (which === 'before') R = R.filter((x) => x !== k);
      else A = A.filter((x) => x !== k);
    };
    for (const l of [...mine()]) {
      if (!LIGHT_VERBS.has(s.tokens[l]!.stem)) continue;
      // The light verb's noun, and on the other side the verb of its root, standing where a verb does.
      for (const n of nounsAfter(s, l)) {
        const noun = s.tokens[n]!;
        const v = o.tokens.findIndex((t, k) => sameRoot(noun, t) && verbPlace(o, k) && (o.changed[k] || !s.changed[n]));
        if (v < 0) continue;
        drop(from, l);
        drop(from, n);
        drop(to, v);
        const [bs, be, as, ae] = from === 'before' ? [l, n, v, v] : [v, v, l, n];
        out.push({ signal: id, direction: 'same', reason: `${q(pair.quote('before', bs, be + 1))} → ${q(pair.quote('after', as, ae + 1))}: one act, said as a verb or as a noun` });
        break;
      }
    }
  }
  // Words of substance that trade places far apart ("guidance, rather than answers" → "answers, rather
  // than guidance") may say the opposite; neighbours swapping ("clear, actionable") do not.
  const across = crossed(pair, swapped);
  if (across) out.push({ signal: id, direction: 'changed', reason: across });
  else if (travelled.length >= 2) {
    const names = travelled.map(([i]) => q(pair.before.tokens[i]!.raw)).join(' and ');
    out.push({ signal: id, direction: 'changed', reason: `${names} change places: what is asked may read differently` });
  }
  // Near-misspellings among the rest.
  R = R.filter((i) => {
    const w = pair.before.tokens[i]!.canon;
    const j = A.find((x) => typoPair(w, pair.after.tokens[x]!.canon));
    if (j === undefined) return true;
    A = A.filter((x) => x !== j);
    out.push({ signal: id, direction: 'same', reason: `${q(pair.before.tokens[i]!.raw)} → ${q(pair.after.tokens[j]!.raw)}: spelling` });
    return false;
  });
  const words = (which: 'before' | 'after', idx: number[]) => runs(idx).map(([s, e]) => pair.quote(which, s, e)).join(', ');
  // Words inside a condition ("when the manager is away"): dropping them asks it in more cases, adding them in fewer.
  const conditions = pair.lexicon.conditions;
  const inCondition = (which: 'before' | 'after', idx: number[]) => {
    if (idx.length === 0) return false;
    const s = pair[which];
    const marks = pair.find(which, conditions, { claim: false, anyClaim: true, exact: true });
    // A condition runs to its clause's end or to the first "and", "or" or "but": "when stuck and
    // shares what they learn" adds a demand after the condition, not to it.
    const within = (m: Occurrence, i: number) =>
      m.start <= i && s.clause[m.start] === s.clause[i] && !s.tokens.slice(m.end, i).some((t) => t.raw === 'and' || t.raw === 'or' || t.raw === 'but');
    return idx.every((i) => marks.some((m) => within(m, i)));
  };
  if (R.length > 0 && A.length === 0 && inCondition('before', R)) {
    out.push({ signal: id, direction: 'raised', reason: `condition ${q(words('before', R))} removed: expected in more cases` });
    return out;
  }
  if (A.length > 0 && R.length === 0 && inCondition('after', A)) {
    out.push({ signal: id, direction: 'lowered', reason: `condition ${q(words('after', A))} added: expected in fewer cases` });
    return out;
  }
  if (R.length > 0 && A.length > 0) out.push({ signal: id, direction: 'changed', reason: `${q(words('before', R))} → ${q(words('after', A))}: a different subject` });
  else if (A.length > 0) out.push({ signal: id, direction: 'raised', reason: `${q(words('after', A))} added: more is asked` });
  else if (R.length > 0) out.push({ signal: id, direction: 'lowered', reason: `${q(words('before', R))} removed: less is asked` });
  return out;
}

/** Verbs that carry an act named by their noun ("provides mentorship", "makes decisions"), by stem. */
const LIGHT_VERBS = new Set(['provide', 'give', 'offer', 'make', 'take', 'do', 'perform', 'conduct', 'carry', 'undertake', 'write', 'produce', 'create', 'deliver'].map((w) => stem(w)));

/** Word `k` of one side is a verb the other side says as a light verb and its noun ("decides" / "makes decisions"). */
function nominalized(pair: Pair, which: 'before' | 'after', k: number): boolean {
  const s = pair[which];
  const o = pair[which === 'before' ? 'after' : 'before'];
  if (!s.changed[k] || !verbPlace(s, k)) return false;
  const verb = s.tokens[k]!;
  return o.tokens.some((t, l) => o.changed[l] && LIGHT_VERBS.has(t.stem) && nounsAfter(o, l).some((n) => sameRoot(o.tokens[n]!, verb)));
}

/** The words a light verb at `l` may take as its noun: the next three of its clause, function words aside. */
function nounsAfter(s: Side, l: number): number[] {
  const out: number[] = [];
  for (let n = l + 1; n <= l + 3 && n < s.tokens.length && s.clause[n] === s.clause[l]; n++) if (!FUNCTION_WORDS.has(s.tokens[n]!.raw)) out.push(n);
  return out;
}

/** A noun and a verb said of one act: the same stem, or a derivation of one root. */
function sameRoot(noun: Token, verb: Token): boolean {
  return noun.stem === verb.stem || derivation(noun.canon, verb.canon);
}

/** Word `k` stands where a verb does: first in its clause, after nothing but adverbs and conjunctions. */
function verbPlace(s: Side, k: number): boolean {
  for (let i = k - 1; i >= 0 && s.clause[i] === s.clause[k]; i--) {
    const w = s.tokens[i]!.raw;
    if (!/ly$/.test(w) && !['and', 'or', 'also', 'then', 'always', 'often', 'never'].includes(w)) return false;
  }
  return true;
}

/**
 * A noun and a verb of one root ("decisions" / "decides", "documentation" / "documents"): they share
 * all but the last few letters of the shorter, and at least four.
 */
function derivation(a: string, b: string): boolean {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  return p >= 4 && p >= Math.min(a.length, b.length) - 3;
}

/** A word that moved to the other side of "over", "than", "before", "instead of": the relation is reversed. */
function crossed(pair: Pair, moved: Array<[number, number]>): string | undefined {
  if (moved.length === 0) return undefined;
  const b = pair.find('before', pair.lexicon.oneWay, { claim: false, anyClaim: true, exact: true });
  const a = pair.find('after', pair.lexicon.oneWay, { claim: false, anyClaim: true, exact: true });
  for (const rb of b) {
    const ra = a.find((x) => x.phrase === rb.phrase);
    if (!ra) continue;
    const flipped = moved.filter(([i, j]) => i < rb.start !== j < ra.start);
    if (flipped.length > 0) {
      return `${flipped.map(([i]) => q(pair.before.tokens[i]!.raw)).join(' and ')} now on the other side of ${q(rb.text)}: the relation is reversed`;
    }
  }
  return undefined;
}

/** Consecutive indices as [start, end) runs. */
function runs(idx: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const i of [...idx].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  }
  return out;
}

/** Two different spellings of one word, not two words: a small edit relative to the length, letters only. */
export function typoPair(a: string, b: string): boolean {
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  // Misspellings keep the first letter; "internal" → "external", "junior" → "senior" are other words.
  if (a[0] !== b[0]) return false;
  if (OPPOSITES.some(([x, y]) => (a === x && b === y) || (a === y && b === x))) return false;
  const len = Math.max(a.length, b.length);
  const limit = len >= 10 ? 2 : len >= 4 ? 1 : 0;
  return limit > 0 && editDistance(a, b) <= limit;
}

/** Config `signals`, as validated: extra phrases per scale tier, per list, and synonym groups. */
export type SignalWords = Partial<Record<ScaleId, Partial<Record<string, readonly string[]>>>> &
  Partial<Record<ListId, readonly string[]>> & { synonyms?: ReadonlyArray<readonly string[]> };

const compiled = new WeakMap<object, Lexicon>();

/** The built-in word lists with an organization's additions, compiled (once per config object). */
export function buildLexicon(extra: SignalWords = {}): Lexicon {
  const hit = compiled.get(extra);
  if (hit) return hit;
  const scales = {} as Record<ScaleId, TierDef[]>;
  for (const id of Object.keys(SCALES) as ScaleId[]) {
    const add = extra[id] ?? {};
    scales[id] = SCALES[id].map((t) => ({ ...t, phrases: [...t.phrases, ...(add[t.name] ?? [])] }));
  }
  const lists = {} as Record<ListId, string[]>;
  for (const id of Object.keys(LISTS) as ListId[]) lists[id] = [...LISTS[id], ...(extra[id] ?? [])];
  const lexicon = compileLexicon({ scales, lists, synonyms: [...SYNONYMS, ...(extra.synonyms ?? [])] });
  compiled.set(extra, lexicon);
  return lexicon;
}

/** Signals whose phrases fill one slot of an expectation: two phrases of one signal are the same slot, reworded. */
const SLOT_SCALES: ScaleId[] = ['autonomy', 'cadence', 'frequency', 'scope', 'verb'];

/** slotWords per text, per lexicon (bounded; the arrays are shared: read only): alignments meet the same texts again. */
const slotWordsKept = cachePer<Lexicon, string[]>();
export function slotWordsOf(lexicon: Lexicon): (text: string) => string[] {
  const kept = slotWordsKept(lexicon);
  return (text) => kept(text, () => slotWords(text, lexicon));
}

/**
 * The words of a text for matching a rewording to its original: a phrase of a scale becomes that
 * scale's slot ("with some guidance" and "independently" are both the autonomy slot), hedges and
 * numbers likewise, so an edit that only moves a bar still pairs with what it edited.
 */
export function slotWords(text: string, lexicon: Lexicon): string[] {
  const pair = new Pair(text, '', lexicon);
  const s = pair.before;
  const slot = new Array<string | undefined>(s.tokens.length);
  const mark = (id: string, occs: Occurrence[]) => {
    for (const o of occs) for (let k = o.start; k < o.end; k++) slot[k] = k === o.start ? `\u0000${id}` : '';
  };
  for (const id of SLOT_SCALES) mark(id, pair.find('before', lexicon.scales[id]));
  mark('hedge', pair.find('before', lexicon.lists.hedge));
  const out: string[] = [];
  s.tokens.forEach((t, k) => {
    const v = slot[k];
    if (v === undefined) out.push(/^\d/.test(t.canon) || lexicon.quantities.some((p) => p.canon.length === 1 && p.canon[0] === t.canon) ? '\u0000n' : t.stem);
    else if (v !== '') out.push(v);
  });
  return out;
}

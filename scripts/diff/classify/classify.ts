import { EDIT_CLASSES, type EditClass, type Verdict } from './classes.js';
import { DEFAULT_LEXICON_INPUT, Pair, SIGNALS, compileLexicon, tiersOf, typoPair, type Evidence, type Lexicon } from './signals.js';
import { stem, tokenize, type Token } from './text.js';
import { diffArrays } from 'diff';
import { cachePer } from '../reuse.js';

const ARTICLES = new Set(['a', 'an', 'the']);

/** Words mixed up by sound: swapping one for the other is a typo fix. */
const HOMOPHONES = [['there', 'their', "they're", 'theyre'], ['its', "it's"], ['your', "you're", 'youre'], ['to', 'too'], ['then', 'than'], ['affect', 'effect'], ['lose', 'loose'], ['whose', "who's", 'whos'], ['principal', 'principle'], ['complement', 'compliment'], ['ensure', 'insure'], ['advice', 'advise'], ['led', 'lead']];
const homophones = (a: string, b: string) => HOMOPHONES.some((g) => g.includes(a) && g.includes(b));

let defaultLexicon: Lexicon | undefined;
/** The built-in word lists, compiled once. */
export function defaultLexiconCompiled(): Lexicon {
  return (defaultLexicon ??= compileLexicon(DEFAULT_LEXICON_INPUT));
}

export interface Assessment extends Verdict {
  evidence: Evidence[];
}

/**
 * Classifies one rewording (DESIGN.md §3): `typo` when only spelling, punctuation, hyphens, case or
 * an article changed; otherwise the signals weigh in. Any `changed` evidence, or evidence pointing
 * both ways, is `changed`: the tool says it cannot tell rather than guess. Evidence one way is
 * `raised` or `lowered`; none at all (synonyms, reordering, function words, examples) is `clarified`.
 */
export function assessRewording(before: string, after: string, lexicon: Lexicon = defaultLexiconCompiled()): Assessment {
  const typo = typoReasons(before, after, lexicon);
  if (typo) return { class: 'typo', reasons: typo, evidence: [] };
  const pair = new Pair(before, after, lexicon);
  const evidence = SIGNALS.flatMap((s) => s.detect(pair));
  // Words added or removed beside a named signal are its rephrasing: the named signal sets the direction.
  const named = evidence.some((e) => e.signal !== 'subject' && (e.direction === 'raised' || e.direction === 'lowered'));
  const weighed = named ? evidence.filter((e) => !(e.signal === 'subject' && (e.direction === 'raised' || e.direction === 'lowered'))) : evidence;
  const moved = weighed.filter((e) => e.direction !== 'same');
  const directions = new Set(moved.map((e) => e.direction));
  let cls: EditClass;
  const reasons = moved.map((e) => e.reason);
  // Residual words that agree with the named signals are part of the reason; the others only rephrase.
  const agreeing = (d: string) => evidence.filter((e) => e.signal === 'subject' && e.direction === d && named).map((e) => e.reason);
  if (directions.has('changed')) cls = 'changed';
  else if (directions.has('raised') && directions.has('lowered')) {
    cls = 'changed';
    reasons.push('the signals point both ways');
  } else if (directions.has('raised')) {
    cls = 'raised';
    reasons.push(...agreeing('raised'));
  } else if (directions.has('lowered')) {
    cls = 'lowered';
    reasons.push(...agreeing('lowered'));
  }
  else {
    cls = 'clarified';
    const same = evidence.map((e) => e.reason);
    reasons.push(...(same.length > 0 ? same : [wordingOnly(pair)]));
  }
  return { class: cls, reasons, evidence };
}

export function classifyRewording(before: string, after: string, lexicon?: Lexicon): Verdict {
  const { class: cls, reasons } = assessRewording(before, after, lexicon);
  return { class: cls, reasons };
}

/** Verdicts by the pair of texts, per lexicon: a history's diffs and a page's level pairs meet the same rewordings again. */
const verdicts = cachePer<Lexicon, Verdict>((v) => ({ ...v, reasons: [...v.reasons] }));

/** classifyRewording, remembered (bounded); each caller gets its own copy of the verdict. */
export function classifyRewordingKept(before: string, after: string, lexicon: Lexicon): Verdict {
  return verdicts(lexicon)(`${before}\u0000${after}`, () => classifyRewording(before, after, lexicon));
}

function wordingOnly(pair: Pair): string {
  const b = pair.before.tokens.filter((_, i) => pair.before.changed[i]);
  const a = pair.after.tokens.filter((_, i) => pair.after.changed[i]);
  const bag = (ts: readonly Token[]) => ts.map((t) => t.stem).sort().join(' ');
  if (bag(b) === bag(a)) return 'words reordered: the same demand';
  const words = (ts: readonly Token[]) => (ts.length ? `'${ts.map((t) => t.raw).join(' ')}'` : 'nothing');
  return `${words(b)} → ${words(a)}: no word of substance changed`;
}

/**
 * Reasons when two texts differ only as a typo fix does, else undefined. Compared after case,
 * punctuation, hyphens and spaces, British/American spelling, number words and articles are set
 * aside; a remaining word pair counts when it is an inflection or a small misspelling, and neither
 * word carries a signal (so "now" → "not" or "team" → "teams" is never a typo), unless only one does
 * and the other is a misspelling of it (a long word, a letter or two apart).
 */
export function typoReasons(before: string, after: string, lexicon: Lexicon = defaultLexiconCompiled()): string[] | undefined {
  if (before === after) return undefined;
  // "theyve" → "they've", "its" → "it's": the same letters, an apostrophe apart.
  const letters = (x: string) => x.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  if (letters(before) === letters(after)) {
    const wb = before.split(/\s+/);
    const wa = after.split(/\s+/);
    // Quotes around a word are punctuation; an apostrophe inside it is what this looks for.
    const inner = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const apostrophes = wb.length === wa.length
      ? wb.flatMap((w, k) => {
          const x = inner(w);
          const y = inner(wa[k]!);
          return x !== y && letters(x) === letters(y) && /['’]/.test(x + y) ? [`${q(x)} → ${q(y)}: an apostrophe`] : [];
        })
      : [];
    if (apostrophes.length > 0) return apostrophes;
  }
  const b = tokenize(before);
  const a = tokenize(after);
  const content = (ts: readonly Token[]) => ts.filter((t) => !ARTICLES.has(t.canon));
  const cb = content(b);
  const ca = content(a);
  const reasons: string[] = [];
  const src = { b: before.normalize('NFKC'), a: after.normalize('NFKC') };
  const quote = (s: string, ts: Token[]) => (ts.length === 0 ? '' : s.slice(ts[0]!.start, ts[ts.length - 1]!.end));

  if (cb.map((t) => t.canon).join('') !== ca.map((t) => t.canon).join('')) {
    // Hunks of the canonical word diff: each must be one word spelled two ways.
    for (const { removed, added, end: i } of hunks(cb, ca, 'canon')) {
      const x = removed.map((t) => t.canon).join('');
      const y = added.map((t) => t.canon).join('');
      // "and and" → "and": a word typed twice.
      if (!y && removed.length === 1 && (cb[i - 2]?.canon === x || cb[i]?.canon === x)) {
        reasons.push(`${q(removed[0]!.raw)} repeated: a word typed twice`);
        continue;
      }
      if (!x || !y) return undefined;
      // "teams" → "team's": only an apostrophe.
      if (removed.map((t) => t.raw.replace(/'/g, '')).join('') === added.map((t) => t.raw.replace(/'/g, '')).join('')) {
        reasons.push(`${q(quote(src.b, removed))} → ${q(quote(src.a, added))}: an apostrophe`);
        continue;
      }
      const signalled = (ts: readonly Token[]) => ts.map((t) => tiersOf(lexicon, t));
      const sx = signalled(removed).join(' ');
      const sy = signalled(added).join(' ');
      const inflected = removed.length === 1 && added.length === 1 && (stem(x) === stem(y) || homophones(removed[0]!.raw, added[0]!.raw));
      // Two neighbouring letters swapped ("taem" → "team") is a slip of the fingers, even in a signal word.
      if (removed.length === 1 && added.length === 1 && swappedLetters(x, y)) {
        reasons.push(`${q(quote(src.b, removed))} → ${q(quote(src.a, added))}: spelling`);
        continue;
      }
      // A long signal word misspelt on one side ("independantly" → "independently"): the misspelling
      // carries no signal, and the words are a letter or two apart. Short words are left out, where a
      // letter makes another word ("some" → "same").
      if (removed.length === 1 && added.length === 1 && !inflected && Math.min(x.length, y.length) >= 6 && !sx.trim() !== !sy.trim() && typoPair(x, y)) {
        reasons.push(`${q(quote(src.b, removed))} → ${q(quote(src.a, added))}: spelling`);
        continue;
      }
      if (x !== y && (sx.trim() || sy.trim()) && sx !== sy) return undefined;
      if (x !== y && !inflected && (sx.trim() || sy.trim())) return undefined;
      if (x === y) reasons.push(`${q(quote(src.b, removed))} → ${q(quote(src.a, added))}: spacing or hyphenation`);
      else if (inflected) reasons.push(`${q(quote(src.b, removed))} → ${q(quote(src.a, added))}: ${homophones(removed[0]!.raw, added[0]!.raw) ? 'a word that sounds alike' : 'grammar'}`);
      else if (typoPair(x, y)) reasons.push(`${q(quote(src.b, removed))} → ${q(quote(src.a, added))}: spelling`);
      else return undefined;
    }
  }
  // "an engineer" → "engineers" sets aside an article and an inflection, but it is a number: not a typo.
  if (singularToPlural(b, a) || singularToPlural(a, b)) return undefined;
  // What the canonical comparison set aside, said in words.
  for (const { removed, added } of hunks(b, a, 'raw')) {
    const rx = removed.map((t) => t.raw);
    const ry = added.map((t) => t.raw);
    const what = `${q(quote(src.b, removed))} → ${q(quote(src.a, added))}`;
    if (rx.every((w) => ARTICLES.has(w)) && ry.every((w) => ARTICLES.has(w))) {
      reasons.push(ry.length === 0 ? `${q(rx.join(' '))} removed: an article` : rx.length === 0 ? `${q(ry.join(' '))} added: an article` : `${what}: an article`);
    } else if (rx.join('') === ry.join('')) {
      if (!reasons.some((r) => r.startsWith(what))) reasons.push(`${what}: spacing or hyphenation`);
    } else if (removed.map((t) => t.canon).join('') === added.map((t) => t.canon).join('') && removed.length > 0) {
      const numeric = [...removed, ...added].some((t) => /^\d/.test(t.canon));
      reasons.push(`${what}: ${numeric ? 'number written another way' : 'British/American spelling'}`);
    }
  }
  if (reasons.length === 0) reasons.push(...hyphens(src.b, b, src.a, a));
  if (reasons.length === 0) {
    const letters = (x: string) => x.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '');
    const capitals = letters(before) !== letters(after);
    const marks = (x: string) => x.normalize('NFKC').replace(/[\p{L}\p{N}\s]+/gu, '');
    const punctuation = marks(before) !== marks(after);
    reasons.push(capitals && punctuation ? 'punctuation and capitals only' : capitals ? 'capitals only' : 'punctuation only');
  }
  return [...new Set(reasons)];
}

const q = (s: string) => `'${s}'`;

/**
 * The changed hunks of a word diff by `key`: the words removed and the words that replaced them
 * (either may be empty), and where the removed words end in `before`.
 */
function* hunks(before: readonly Token[], after: readonly Token[], key: 'canon' | 'raw'): Generator<{ removed: Token[]; added: Token[]; end: number }> {
  const parts = diffArrays(before.map((t) => t[key]), after.map((t) => t[key]));
  let i = 0;
  let j = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (!p.added && !p.removed) {
      i += p.count;
      j += p.count;
      continue;
    }
    const removed = p.removed ? before.slice(i, (i += p.count)) : [];
    const next = parts[k + 1];
    const added = p.added ? after.slice(j, (j += p.count)) : next?.added && p.removed ? after.slice(j, (j += next.count)) : [];
    if (p.removed && next?.added) k++;
    yield { removed, added, end: i };
  }
}

/** "a"/"an" before a word on one side, the same word in the plural without it on the other. */
export function singularToPlural(one: readonly Token[], many: readonly Token[]): boolean {
  for (let i = 0; i < one.length; i++) {
    if (one[i]!.raw !== 'a' && one[i]!.raw !== 'an') continue;
    for (const k of [i + 1, i + 2]) {
      const noun = one[k];
      if (!noun || /(?:s|ed|ing|ly)$/.test(noun.raw)) continue;
      if (many.some((t) => t.stem === noun.stem && t.raw !== noun.raw && t.raw.endsWith('s')) && !many.some((t) => t.raw === noun.raw)) return true;
    }
  }
  return false;
}

/** Word runs joined by a hyphen on one side and a space on the other ("end to end" → "end-to-end"). */
function hyphens(sb: string, b: readonly Token[], sa: string, a: readonly Token[]): string[] {
  if (b.length !== a.length) return [];
  const gap = (s: string, ts: readonly Token[], i: number) => (/-|‐|‑/.test(s.slice(ts[i - 1]!.end, ts[i]!.start)) ? '-' : ' ');
  const out: string[] = [];
  let i = 1;
  while (i < b.length) {
    if (gap(sb, b, i) === gap(sa, a, i)) {
      i++;
      continue;
    }
    const start = i - 1;
    while (i < b.length && gap(sb, b, i) !== gap(sa, a, i)) i++;
    out.push(`${q(sb.slice(b[start]!.start, b[i - 1]!.end))} → ${q(sa.slice(a[start]!.start, a[i - 1]!.end))}: hyphenation`);
  }
  return out;
}

export { EDIT_CLASSES };

/** The same letters with one pair of neighbours swapped, in a word long enough not to make another word by it. */
function swappedLetters(x: string, y: string): boolean {
  if (x.length !== y.length || x.length < 4 || x === y) return false;
  const diff = [...x].map((ch, i) => (ch === y[i] ? -1 : i)).filter((i) => i >= 0);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && x[diff[0]!] === y[diff[1]!] && x[diff[1]!] === y[diff[0]!];
}

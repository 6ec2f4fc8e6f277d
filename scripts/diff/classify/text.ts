/**
 * Words of an expectation as the classifier compares them: lower case, contractions opened
 * ("doesn't" → "does not"), with a spelling-neutral form (British and American spellings, number
 * words as digits) and a stem (inflections and common suffixes stripped), so "leads", "leading"
 * and "led" are one word and "organisation" is "organization".
 */

import { textCache } from '../reuse.js';

export interface Token {
  /** As written, lower case (contractions opened). */
  raw: string;
  /** Spelling-neutral: American spelling, digits for number words, no apostrophes. */
  canon: string;
  /** Canon with inflections and common suffixes stripped. */
  stem: string;
  /** Inside parentheses in the source text. */
  paren: boolean;
  /** Index of the first character in the source, for quoting the original words back. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

const CONTRACTIONS: Record<string, string[]> = {
  cannot: ['can', 'not'], "can't": ['can', 'not'], "won't": ['will', 'not'], "shan't": ['shall', 'not'],
};

/** HTML tags typed into the text (a stray `<\\li>` from a hand-written table): markup, not words. Same length, so offsets hold. */
const TAG = /<\\?\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;

/**
 * Tokens of a text, remembered: the diff and the level comparison classify the same expectation
 * against many others, and tokenizing is most of a classification. The arrays are shared: read only.
 */
export function tokenize(text: string): readonly Token[] {
  return tokenCache(text, () => Object.freeze(tokenizeText(text)));
}

/** Texts (and words) kept, oldest out first: small values, so a long history stays bounded. */
const CACHE_LIMIT = 20_000;
const tokenCache = textCache<readonly Token[]>(undefined, CACHE_LIMIT);
/** A word's tokens without their offsets: "doesn't" → does + not, each with its canon and stem. */
const wordCache = textCache<ReadonlyArray<{ raw: string; canon: string; stem: string }>>(undefined, CACHE_LIMIT);

function wordParts(word: string): ReadonlyArray<{ raw: string; canon: string; stem: string }> {
  return wordCache(word, () =>
    (CONTRACTIONS[word] ?? contraction(word)).map((raw) => {
      const canon = canonical(raw);
      return { raw, canon, stem: stem(canon) };
    }),
  );
}

function tokenizeText(text: string): Token[] {
  const src = text.normalize('NFKC').replace(TAG, (m) => ' '.repeat(m.length));
  const out: Token[] = [];
  let depth = 0;
  let last = 0;
  for (const m of src.matchAll(WORD)) {
    for (let k = last; k < m.index; k++) {
      const ch = src[k];
      if (ch === '(' || ch === '[') depth++;
      else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    }
    last = m.index + m[0].length;
    const word = m[0].toLowerCase().replace(/’/g, "'");
    for (const { raw, canon, stem } of wordParts(word)) out.push({ raw, canon, stem, paren: depth > 0, start: m.index, end: last });
  }
  return out;
}

/** Pronouns whose "'s" is "is" (a possessive noun keeps its "'s"). */
const IS_AFTER = new Set(['it', 'that', 'there', 'here', 'what', 'who', 'he', 'she', 'where', 'this', 'everyone', 'nobody']);
const SUFFIXES: Record<string, string> = { "n't": 'not', "'re": 'are', "'ve": 'have', "'ll": 'will', "'d": 'would', "'m": 'am' };

function contraction(word: string): string[] {
  for (const [suffix, full] of Object.entries(SUFFIXES)) {
    if (word.endsWith(suffix) && word.length > suffix.length) return [word.slice(0, -suffix.length), full];
  }
  if (word.endsWith("'s") && IS_AFTER.has(word.slice(0, -2))) return [word.slice(0, -2), 'is'];
  return [word];
}

const NUMBERS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18',
  nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100', dozen: '12',
  first: '1st', second: '2nd', third: '3rd',
};

const SPELLINGS: Record<string, string> = {
  judgement: 'judgment', judgements: 'judgments', acknowledgement: 'acknowledgment', programme: 'program', programmes: 'programs',
  grey: 'gray', practise: 'practice', practised: 'practiced', practising: 'practicing', licence: 'license', defence: 'defense',
  offence: 'offense', pretence: 'pretense', ageing: 'aging', manoeuvre: 'maneuver', towards: 'toward', amongst: 'among',
  whilst: 'while', learnt: 'learned', spelt: 'spelled', artefact: 'artifact', artefacts: 'artifacts', fulfil: 'fulfill',
  fulfils: 'fulfills', fulfilment: 'fulfillment', enrol: 'enroll', enrols: 'enrolls', skilful: 'skillful', instil: 'instill',
  instils: 'instills', cheque: 'check', storey: 'story', tyre: 'tire', aluminium: 'aluminum', sceptical: 'skeptical',
  organisation: 'organization', organisations: 'organizations', prioritisation: 'prioritization',
};

/** Words whose "-our" is not the British spelling of "-or". */
const OUR_WORDS = new Set(['four', 'hour', 'your', 'pour', 'tour', 'sour', 'flour', 'fours', 'hours', 'yours', 'pours', 'tours', 'detour', 'detours', 'contour', 'contours', 'devour', 'devours']);
const DOUBLE_L = /^(travel|cancel|model|label|level|signal|fuel|channel|total|counsel|dial|equal|marshal|rival|tunnel|funnel|quarrel|jewel|pencil|shovel)l(ed|ing|er|ers|or|ors)$/;

/** American spelling, digits for number words, no apostrophes. */
export function canonical(word: string): string {
  let w = word.replace(/'s$/, '').replace(/'/g, '');
  if (NUMBERS[w]) return NUMBERS[w]!;
  if (SPELLINGS[w]) return SPELLINGS[w]!;
  if (!OUR_WORDS.has(w)) w = w.replace(/^([a-z]{2,})our(s|ed|ing|ite|ites|able|ful|less|ism)?$/, '$1or$2');
  w = w
    .replace(/^([a-z]{2,})is(e|es|ed|ing|ation|ations|ational|ationally|er|ers)$/, '$1iz$2')
    .replace(/^([a-z]+)ys(e|es|ed|ing|er|ers)$/, '$1yz$2')
    .replace(/^([a-z]{2,})ogue(s)?$/, '$1og$2')
    .replace(/^([a-z]{2,}[^aeiou])(t|b)re(s|d)?$/, '$1$2er$3')
    .replace(DOUBLE_L, '$1$2');
  return w;
}

const IRREGULAR: Record<string, string> = {
  led: 'lead', ran: 'run', wrote: 'write', written: 'write', built: 'build', taught: 'teach', thought: 'think',
  brought: 'bring', made: 'make', took: 'take', taken: 'take', gave: 'give', given: 'give', chose: 'choose', chosen: 'choose',
  met: 'meet', kept: 'keep', held: 'hold', spoke: 'speak', spoken: 'speak', drove: 'drive', driven: 'drive', knew: 'know',
  known: 'know', grew: 'grow', grown: 'grow', sought: 'seek', understood: 'understand', better: 'good', best: 'good',
  children: 'child', people: 'person', is: 'be', are: 'be', was: 'be', were: 'be', been: 'be', being: 'be', has: 'have', had: 'have',
  does: 'do', did: 'do', done: 'do', doing: 'do',
};

/** A light stemmer: enough to make inflections and a few derivations meet, never a dictionary. */
export function stem(canon: string): string {
  if (IRREGULAR[canon]) return IRREGULAR[canon]!;
  let w = canon;
  if (w.length <= 3 || /^\d/.test(w)) return w;
  // One inflection, then one derivation: "leaders" → "leader" → "lead", "others" → "other".
  const inflections: Array<[RegExp, string]> = [
    [/(.{2,})ies$/, '$1y'], [/(.{2,})ied$/, '$1y'], [/(.{2,}(?:ss|sh|ch|x|z))es$/, '$1'], [/(.{2,}[^su])s$/, '$1'],
    [/(.{3,})ing$/, '$1'], [/(.{3,})ed$/, '$1'],
  ];
  const derivations: Array<[RegExp, string]> = [
    [/ization$/, 'ize'], [/(.{4,})ations?$/, '$1'], [/(.{3,})ments?$/, '$1'], [/(.{3,})ness$/, '$1'], [/(.{3,})ships?$/, '$1'],
    [/(.{2,})ily$/, '$1y'], [/(.{3,})fully$/, '$1'], [/(.{3,})ful$/, '$1'], [/(.{3,})ly$/, '$1'], [/(.{4,})ers?$/, '$1'],
    [/(.{3,})able$/, '$1'], [/(.{3,})ible$/, '$1'],
  ];
  for (const rules of [inflections, derivations]) {
    const hit = rules.find(([re]) => re.test(w));
    if (hit) w = w.replace(hit[0], hit[1]);
  }
  // running → run, planned → plan; making → mak(e): compare without a final e.
  w = w.replace(/([^aeiouls])\1$/, '$1').replace(/e$/, '');
  return w.length >= 2 ? w : canon;
}

/** Damerau–Levenshtein distance (optimal string alignment), for telling a misspelling from another word. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

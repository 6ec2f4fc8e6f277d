import { fold, foldedWords, slug } from './text.js';

// A level code: letters then a number (`L3`, `IC 2`, `EM-5`, `TPM4`, `P2a`).
const CODE = String.raw`[A-Z]{1,5}[ -]?\d{1,2}(?:\.\d)?[a-z]?`;
// A slash only with spaces around it (`IC2 / Software Engineer II`): `L3/L4` names two levels.
const SEP = String.raw`(?:\s*[·•|:—–-]\s*|\s+/\s+)`;
const CODE_FIRST = new RegExp(String.raw`^(${CODE})${SEP}(.+)$`);
const CODE_IN_PARENS = new RegExp(String.raw`^(.+?)\s*[(\[](${CODE})[)\]]$`);
const CODE_ONLY = new RegExp(String.raw`^(${CODE})$`);
const CODE_LAST = new RegExp(String.raw`^(.+?)${SEP}(${CODE})$`);
const CODE_SPACE = new RegExp(String.raw`^(${CODE})\s+(\p{Lu}.*)$`, 'u');
/** `L3 (Senior engineer)`: the code, then the title in brackets. */
const CODE_THEN_PARENS = new RegExp(String.raw`^(${CODE})\s*[(\[]([^()\[\]]+)[)\]]$`);

export interface LevelTitle {
  key: string;
  code?: string;
  title: string;
}

/** A normalized code's series and number (`SE3` → `SE`, 3); undefined for a code with no plain number (`P2A`, `L3.5`) or none. */
export function codeSeries(code: string | undefined): { series: string; n: number } | undefined {
  const m = /^([A-Z]*)(\d+)$/.exec(code ?? '');
  return m ? { series: m[1]!, n: Number(m[2]) } : undefined;
}

export function normalizeCode(code: string): string {
  return code.replace(/[ -]/g, '').toUpperCase();
}

/** A title carries a code somewhere parseLevelTitle looks for one. */
function codeOf(text: string): boolean {
  return [CODE_ONLY, CODE_FIRST, CODE_SPACE, CODE_THEN_PARENS, CODE_IN_PARENS, CODE_LAST].some((re) => re.test(text));
}

/** `L3 · Leads complex projects`, `D1 - Developer 1`, `Engineer I (IC 2)`, `L3 (Senior)`, `IC1` → key, code, title. */
export function parseLevelTitle(raw: string): LevelTitle {
  // `1. Junior engineer`: the enumeration is the level's place, not its name (renumbering renames nothing).
  const written = fold(raw).replace(/^[*_]+|[*_]+$/g, '').replace(/^\d{1,2}[.)]\s+(?=\S)/, '');
  // `Engineer (L3) 🚀`, `🌱 L1 · Junior`: an emoji beside the title is decoration; the code is read without it.
  const bare = written.replace(/^(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+\s*)+|(?:\s*[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+)+$/gu, '');
  // Only where the emoji hides the code: `L1 · Writes 😀` keeps its title as written.
  const coded = bare !== written && bare && !codeOf(written) && codeOf(bare);
  const text = coded ? bare : written;
  let m = CODE_ONLY.exec(text);
  if (m) return { key: normalizeCode(m[1]!), code: normalizeCode(m[1]!), title: text };
  m = CODE_FIRST.exec(text) ?? CODE_SPACE.exec(text) ?? CODE_THEN_PARENS.exec(text);
  if (m) return { key: normalizeCode(m[1]!), code: normalizeCode(m[1]!), title: m[2]!.trim() };
  m = CODE_IN_PARENS.exec(text) ?? CODE_LAST.exec(text);
  if (m) return { key: normalizeCode(m[2]!), code: normalizeCode(m[2]!), title: m[1]!.trim() };
  return { key: slug(text), title: text };
}

/** Headings that read like a level even without a code: "Level 3", "Senior Engineer II", "Grade 4". */
export function looksNumbered(title: string): boolean {
  return /\b(level|grade|band|tier|step|stage|rank)\s*\d+\b/i.test(title) || /\s(?:I{1,3}|IV|V|VI{1,3})$/.test(title);
}

/** A table's header or row title that names a level: a code (`S2 · …`) or a number (`Level 3`). */
export function titledLikeALevel(text: string): boolean {
  const t = parseLevelTitle(text);
  return t.code !== undefined || looksNumbered(t.title);
}

/**
 * Which axis of a table names its levels, from its column titles and its row titles: the one titled
 * like levels while the other is not. Codes and numbers decide first (`L3`, `Level 2`); then words
 * (`Senior engineer`), which must title at least two and half of the axis. Undefined when neither
 * or both read so: the reader keeps its own default.
 */
export function levelAxis(columns: readonly string[], rows: readonly string[]): 'columns' | 'rows' | undefined {
  const coded = (list: readonly string[]) => list.filter(titledLikeALevel).length;
  const [c, r] = [coded(columns), coded(rows)];
  if (c >= 2 && r === 0) return 'columns';
  if (r >= 2 && c === 0) return 'rows';
  if (c > 0 || r > 0) return undefined;
  const worded = (list: readonly string[]) => {
    const titled = list.filter(Boolean);
    const like = titled.filter(looksLikeLevelTitle).length;
    return like >= 2 && like * 2 >= titled.length ? like : like === 0 ? 0 : -1;
  };
  const [wc, wr] = [worded(columns), worded(rows)];
  if (wc > 0 && wr === 0) return 'columns';
  if (wr > 0 && wc === 0) return 'rows';
  return undefined;
}

/** Sections of shared expectations, not a level. */
export function isAllLevelsTitle(title: string): boolean {
  return /^(?:for\s+)?(?:all|every|any)\s+(?:the\s+)?levels?\b|^(?:shared|common|core)\b.*\b(?:expectations|behaviou?rs|levels?)\b|^(?:expectations\s+)?(?:at|for|across)\s+(?:all|every)\s+levels?/i.test(
    fold(title),
  );
}

/** A title that reads like a level even alone ("Senior Engineer", "Staff", "Associate designer"). */
export function looksLikeLevelTitle(title: string): boolean {
  const t = parseLevelTitle(title);
  return (
    t.code !== undefined ||
    looksNumbered(t.title) ||
    /\b(?:junior|mid|intermediate|senior|staff|principal|distinguished|fellow|lead|associate|apprentice|intern|graduate|entry|engineer|developer|designer|manager|director|head|vp|architect|analyst|researcher|scientist|specialist|level|grade|band)\b/i.test(t.title)
  );
}

/**
 * How many header titles after the first column are labels, not levels: one or two leading titles
 * not titled like levels, before at least two that all are (`Area | Skill | L1 | L2 | L3`).
 */
function leadingLabelColumns(titles: readonly string[]): number {
  const level = (t: string) => titledLikeALevel(t) || looksLikeLevelTitle(t) || isAllLevelsTitle(t);
  for (let k = 1; k <= 2 && k <= titles.length - 2; k++) {
    if (level(titles[k - 1]!)) return 0;
    const rest = titles.slice(k);
    if (rest.every(level) && levelAxis(rest.filter((t) => !isAllLevelsTitle(t)), []) === 'columns') return k;
  }
  return 0;
}

/** The label columns of a table before its level columns, by what their cells hold. */
export interface LabelColumns {
  /** How many label columns follow the first (leadingLabelColumns): the level columns start at 1 + lead. */
  lead: number;
  /** The column naming each row's category: the last label column of short labels. */
  category: number;
  /** Label columns before it, of short labels: the rows' group. */
  groups: number[];
  /** Label columns of sentences (over six words a cell on average): each cell describes its category. */
  described: number[];
}

/** A table's label columns from its header titles after the first column and each column's cell texts (`textsIn`). */
export function labelColumns(titles: readonly string[], textsIn: (col: number) => readonly string[]): LabelColumns {
  const lead = leadingLabelColumns(titles);
  const wordsIn = (col: number) => {
    const texts = textsIn(col).filter(Boolean);
    return texts.length ? texts.reduce((n, t) => n + foldedWords(t), 0) / texts.length : 0;
  };
  const leading = Array.from({ length: lead }, (_, k) => k + 1);
  const described = leading.filter((c) => wordsIn(c) > 6);
  const labels = [0, ...leading].filter((c) => !described.includes(c));
  return { lead, category: labels[labels.length - 1]!, groups: labels.slice(0, -1), described };
}

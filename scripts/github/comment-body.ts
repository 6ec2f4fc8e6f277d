/** The PR comment's text: pure functions, no HTTP. */
import { defuseMentions } from '../model/sanitize.js';

/** Hidden first line that makes the comment findable again (sticky). */
export const COMMENT_MARKER = '<!-- ladder:diff -->';
/** GitHub refuses issue comments longer than this (characters). */
export const COMMENT_LIMIT = 65_536;
/** GitHub shows at most 1 MiB of job summary per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface CommentOptions {
  /** Where the whole diff lives (the workflow run with the job summary and the diff.html artifact). */
  detailsUrl?: string;
  limit?: number;
  /** Policy files the PR changes (config, workflows, tool, CODEOWNERS): the comment says they apply after merge. */
  policyChange?: readonly string[];
  /** What the PR still needs before merging (governance.ts), shown above the diff. */
  governance?: string;
}

/** Says that this diff was judged by the base branch's policy, and which of the PR's files change it. */
export function policyNote(paths: readonly string[]): string {
  const shown = paths.slice(0, 10).map((p) => `\`${p.replace(/[`\r\n]/g, '')}\``);
  const more = paths.length > shown.length ? ` and ${paths.length - shown.length} more` : '';
  return (
    `> [!IMPORTANT]\n> This pull request changes how ladder changes are judged (${shown.join(', ')}${more}). ` +
    `This comment and the \`ladder:*\` label use the base branch's policy; the new policy applies after merge. ` +
    `These files need review from the repository's default owners.`
  );
}

export const NO_CHANGES = '### Ladder diff\n\nThis pull request no longer changes any ladder.';

/**
 * A PR could once make the bot post text it wrote (the artifact came from the PR's own run); the
 * diff is now computed by the trusted job, and its ladder text is still defused: one sanitizer
 * (model/sanitize.ts) for every human output.
 */
export { defuseMentions };

/** The characters the diff may take in a comment, after the marker and the policy note. */
export function commentBudget(opts: CommentOptions = {}): number {
  const policy = opts.policyChange?.length ? `${policyNote(opts.policyChange)}\n\n` : '';
  return (opts.limit ?? COMMENT_LIMIT) - COMMENT_MARKER.length - 1 - policy.length - governanceBlock(opts).length;
}

function governanceBlock(opts: CommentOptions): string {
  return opts.governance ? `${opts.governance}\n\n` : '';
}

/**
 * The whole comment body: marker, the diff (or the no-change note), within GitHub's limit. A diff this
 * tool formatted was cut on its view already (formatMarkdown's limit); only Markdown given as a file
 * (`--from-file`) is cut here, at its `<details>` and heading boundaries.
 */
export function commentBody(markdown: string | null, opts: CommentOptions = {}): string {
  const content = markdown === null || markdown.trim() === '' ? NO_CHANGES : defuseMentions(markdown.replace(/\r\n?/g, '\n').trim());
  const policy = opts.policyChange?.length ? `${policyNote(opts.policyChange)}\n\n` : '';
  return `${COMMENT_MARKER}\n${policy}${governanceBlock(opts)}${cutMarkdown(content, commentBudget(opts), (o) => cutNote(o, opts.detailsUrl))}`;
}

/** The job-summary copy: GitHub caps it at 1 MiB per step, measured in bytes. */
export function summaryText(markdown: string, detailsUrl?: string): string {
  let budget = SUMMARY_LIMIT_BYTES - 1;
  for (;;) {
    const text = cutMarkdown(markdown.replace(/\r\n?/g, '\n').trimEnd(), budget, (o) => cutNote(o, detailsUrl, "GitHub's 1 MiB job summary limit", detailsUrl ? `[the \`diff.html\` artifact](${detailsUrl})` : 'the `diff.html` artifact'));
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= SUMMARY_LIMIT_BYTES - 1) return `${text}\n`;
    budget = Math.floor((budget * (SUMMARY_LIMIT_BYTES - 1)) / bytes) - 16;
  }
}

export interface Omitted {
  /** Summaries of the `<details>` blocks left out entirely (one per ladder in our diff Markdown). */
  sections: string[];
  /** Headings left out (levels, categories). */
  headings: number;
  /** The `<details>` block the cut falls inside, if any: the rest of it is left out. */
  inside?: string;
}

function plain(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/[`*_[\]\\|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export function cutNote(
  o: Omitted,
  detailsUrl?: string,
  limit = `GitHub's ${COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit`,
  where = detailsUrl
    ? `[the job summary and the \`diff.html\` artifact of this run](${detailsUrl})`
    : "the workflow run's job summary and its `diff.html` artifact",
): string {
  const parts: string[] = [];
  if (o.inside) parts.push(`the rest of \`${o.inside}\``);
  if (o.sections.length) {
    const shown = o.sections.slice(0, 10).map((s) => `\`${s}\``);
    const more = o.sections.length > shown.length ? ` and ${o.sections.length - shown.length} more` : '';
    parts.push(`${o.sections.length} more section${o.sections.length === 1 ? '' : 's'} (${shown.join(', ')}${more})`);
  }
  if (!parts.length && o.headings) parts.push(`${o.headings} more heading${o.headings === 1 ? '' : 's'} and their changes`);
  if (!parts.length) parts.push('the end of the diff');
  return `> [!NOTE]\n> Cut to fit ${limit}. Left out: ${parts.join('; ')}. The full diff is in ${where}.`;
}

/** `<details>` open at a point: a linked stack shared between boundaries, so recording it costs O(1) a line. */
interface Open {
  name: string;
  offset: number;
  depth: number;
  parent: Open | null;
}

interface Boundary {
  offset: number;
  /** Preferred cut points: a `<details>` block or a heading; other line starts are the fallback. */
  preferred: boolean;
  /** The innermost `<details>` open at this point (not yet closed). */
  open: Open | null;
  inFence: string | null;
  /** A preferred boundary starting a top-level `<details>`: its summary, for the note. */
  section?: string;
}

const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_RE = /^ {0,3}#{1,6}(\s|$)/;
const DETAILS_OPEN_RE = /<details\b[^>]*>/gi;
const DETAILS_CLOSE_RE = /<\/details\s*>/gi;
const SUMMARY_RE = /<summary\b[^>]*>([\s\S]*?)<\/summary\s*>/i;

const outermost = (o: Open | null): Open | null => {
  while (o?.parent) o = o.parent;
  return o;
};

/**
 * Cuts Markdown to `budget` characters at the last ladder (`<details>`) or heading boundary that fits,
 * closes any `<details>` left open, and appends a note saying what was left out.
 * Falls back to a line boundary, then to a hard cut, for text without such boundaries.
 * Linear in the input: one scan records the boundaries (the open blocks as a shared linked stack), and
 * only boundaries whose text fits the budget are tried.
 */
export function cutMarkdown(markdown: string, budget: number, note: (o: Omitted) => string): string {
  if (markdown.length <= budget) return markdown;
  const boundaries: Boundary[] = [];
  let open: Open | null = null;
  let fence: string | null = null;
  let offset = 0;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = FENCE_RE.exec(line);
    const startsDetails = fence === null && /^\s*<details\b/i.test(line);
    const boundary: Boundary = { offset, preferred: fence === null && (startsDetails || HEADING_RE.test(line)), open, inFence: fence };
    boundaries.push(boundary);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    } else if (fence === null) {
      // Track open <details> (and their summaries) to close them and to name what a cut leaves out.
      const opens = line.match(DETAILS_OPEN_RE)?.length ?? 0;
      if (opens > 0) {
        const name = plain(SUMMARY_RE.exec(lines.slice(i, i + 4).join('\n'))?.[1] ?? 'details');
        if (startsDetails && open === null) boundary.section = name;
        for (let k = 0; k < opens; k++) {
          const parent = open as Open | null;
          open = { name, offset, depth: (parent?.depth ?? 0) + 1, parent };
        }
      }
      const closes = line.match(DETAILS_CLOSE_RE)?.length ?? 0;
      for (let k = 0; k < closes && open; k++) open = open.parent;
    }
    offset += line.length + 1;
  }

  // What a cut at boundary i leaves out, from suffix counts: whole top-level <details> sections (nested
  // ones go with their parent) and headings after the cut.
  const headingsFrom = new Array<number>(boundaries.length + 1).fill(0);
  const sectionsFrom = new Array<number>(boundaries.length + 1).fill(0);
  const sectionNames: string[] = [];
  for (let i = boundaries.length - 1; i >= 0; i--) {
    const x = boundaries[i]!;
    const heading = x.preferred && x.section === undefined && !/^\s*<details\b/i.test(lines[i]!);
    headingsFrom[i] = headingsFrom[i + 1]! + (heading ? 1 : 0);
    sectionsFrom[i] = sectionsFrom[i + 1]! + (x.preferred && x.section !== undefined ? 1 : 0);
  }
  for (const x of boundaries) if (x.preferred && x.section !== undefined) sectionNames.push(x.section);
  const describe = (from: number): Omitted => {
    const inside = outermost(boundaries[from]!.open)?.name;
    const sections = sectionNames.slice(sectionNames.length - sectionsFrom[from]!);
    return { sections, headings: headingsFrom[from]!, ...(inside ? { inside } : {}) };
  };

  // A cut right after a section's <summary> keeps an empty section: cutting before it says the same in less.
  const hollow = (b: Boundary): boolean => {
    const last = b.open;
    if (!last) return false;
    const between = markdown.slice(last.offset, b.offset).replace(/<details\b[^>]*>/i, '').replace(SUMMARY_RE, '');
    return between.trim() === '';
  };

  const attempt = (i: number): string | null => {
    const b = boundaries[i]!;
    const closeFence = b.inFence ? `\n${b.inFence}` : '';
    const closers = '\n\n</details>'.repeat(b.open?.depth ?? 0);
    // Cheap test first: the kept text alone must leave room (the note is only built for real candidates).
    if (b.offset + closeFence.length + closers.length > budget) return null;
    const kept = markdown.slice(0, b.offset).trimEnd();
    const text = `${kept}${closeFence}${closers}\n\n${note(describe(i))}`;
    return text.length <= budget ? text : null;
  };

  for (const preferredOnly of [true, false]) {
    for (let i = boundaries.length - 1; i > 0; i--) {
      const b = boundaries[i]!;
      if (b.offset > budget) continue;
      if (preferredOnly && (!b.preferred || hollow(b))) continue;
      const text = attempt(i);
      if (text !== null) return text;
    }
  }
  // One enormous line: cut inside it, on a code point boundary.
  const tail = `\n\n${note({ sections: [], headings: 0 })}`;
  return [...markdown.slice(0, Math.max(0, budget - tail.length))].slice(0, -1).join('') + tail;
}

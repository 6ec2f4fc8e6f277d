import type { Node } from 'unist';

/**
 * How each source line was read (`ladder show --format annotated`). Every non-blank line of a parsed
 * file gets exactly one role; a line the reader did not account for stays `undefined`, which the
 * tests treat as a lost line.
 */
export const LINE_ROLES = [
  'frontmatter',
  'title',
  'intro',
  'track-heading',
  'level-heading',
  'level-description',
  'category-label',
  'expectation',
  'shared-expectation',
  'note',
  // Table delimiter rows and tag-only HTML lines of a level table: structure, no words of their own.
  'markup',
] as const;
export type LineRole = (typeof LINE_ROLES)[number];

// A line that holds a label and its text (`- **Impact:** Ships …`) is read as the expectation it carries.
const PRIORITY: Record<LineRole, number> = {
  frontmatter: 10,
  expectation: 9,
  'shared-expectation': 9,
  'category-label': 8,
  title: 7,
  'track-heading': 7,
  'level-heading': 7,
  'level-description': 5,
  intro: 4,
  note: 4,
  markup: 2,
};

export class LineRoles {
  /** Index = line number (1-based); index 0 unused. */
  readonly roles: Array<LineRole | undefined>;
  private readonly weak: boolean[];

  constructor(lineCount: number) {
    this.roles = new Array(lineCount + 1).fill(undefined);
    this.weak = new Array(lineCount + 1).fill(false);
  }

  /** Give lines start..end a role, unless they hold a stronger one. */
  mark(start: number, end: number, role: LineRole): void {
    for (let line = Math.max(1, start); line <= Math.min(end, this.roles.length - 1); line++) {
      const had = this.roles[line];
      if (had === undefined || this.weak[line] || PRIORITY[role] > PRIORITY[had]) {
        this.roles[line] = role;
        this.weak[line] = false;
      }
    }
  }

  /** A container's role: fills only lines nothing more specific claims, and yields to any later mark. */
  fill(start: number, end: number, role: LineRole): void {
    for (let line = Math.max(1, start); line <= Math.min(end, this.roles.length - 1); line++) {
      if (this.roles[line] === undefined) {
        this.roles[line] = role;
        this.weak[line] = true;
      }
    }
  }

  node(node: Node | undefined, role: LineRole, container = false): void {
    const p = node?.position;
    if (!p) return;
    (container ? this.fill : this.mark).call(this, p.start.line, p.end.line, role);
  }

  nodes(nodes: readonly Node[], role: LineRole, container = false): void {
    for (const n of nodes) this.node(n, role, container);
  }

  /** Give every line of a role another, all at once (a reading turned round swaps two). */
  remap(map: Partial<Record<LineRole, LineRole>>): void {
    for (let line = 1; line < this.roles.length; line++) {
      const had = this.roles[line];
      if (had !== undefined && map[had]) this.roles[line] = map[had];
    }
  }
}

/** The file with each line's role in a gutter, as `git blame` prints its annotations. */
export function annotate(source: string, roles: ReadonlyArray<LineRole | undefined>): string {
  const lines = source.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const width = Math.max(...LINE_ROLES.map((r) => r.length), 'UNREAD'.length);
  const digits = String(lines.length).length;
  return `${lines
    .map((text, i) => {
      const blank = text.trim() === '';
      const role = blank ? '' : (roles[i + 1] ?? 'UNREAD');
      return `${role.padEnd(width)} ${String(i + 1).padStart(digits)} │ ${text}`.trimEnd();
    })
    .join('\n')}\n`;
}

/** Non-blank lines that no reader accounted for. */
export function unreadLines(source: string, roles: ReadonlyArray<LineRole | undefined>): number[] {
  const lines = source.split(/\r\n|\r|\n/);
  const out: number[] = [];
  lines.forEach((text, i) => {
    if (text.trim() !== '' && roles[i + 1] === undefined) out.push(i + 1);
  });
  return out;
}

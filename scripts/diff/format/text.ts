import { styleText } from 'node:util';
import { IMPACTS, IMPACT_LABELS } from '../kinds.js';
import type { Segment } from '../similarity.js';
import type { Change } from '../types.js';
import type { DiffView, LadderView } from '../view.js';
import { safeLine as safe } from '../../model/sanitize.js';
import { describe, judgement } from './describe.js';

export interface TextOptions {
  /** ANSI colours: the CLI turns them on only for a TTY without NO_COLOR. */
  color?: boolean;
}

type Style = Parameters<typeof styleText>[0];

/** Terminal output: one block per changed ladder, changes grouped by level. */
export function formatText(view: DiffView, opts: TextOptions = {}): string {
  const paint = (style: Style, s: string) => (opts.color ? styleText(style, s, { validateStream: false }) : s);
  const lines: string[] = [];
  const changed = view.ladders.filter((l) => l.status !== 'unchanged');
  lines.push(paint('bold', `ladder diff ${safe(view.base)} → ${safe(view.head)}: ${summary(view.counts)}, bump ${view.bump}`));
  const unchanged = view.ladders.length - changed.length;
  if (unchanged > 0) lines.push(paint('dim', `${unchanged} ladder${unchanged === 1 ? '' : 's'} unchanged`));
  for (const l of changed) {
    lines.push('', paint('bold', ladderHeading(l)));
    for (const g of l.groups) {
      lines.push(`  ${paint('underline', safe(g.heading))}`);
      for (const c of g.changes) {
        lines.push(`    ${line(c, l.levelLabel, paint)}`);
        const j = judgement(c);
        if (j) lines.push(`      ${paint('dim', why(j))}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function ladderHeading(l: LadderView): string {
  const id = l.fromId !== undefined ? `${safe(l.fromId)} → ${safe(l.id)}` : safe(l.id);
  return `${id} (${safe(l.title)}): ${l.status}, bump ${l.bump}, ${summary(l.counts)}`;
}

function summary(counts: DiffView['counts']): string {
  const parts = IMPACTS.filter((i) => counts[i] > 0).map((i) => `${counts[i]} ${IMPACT_LABELS[i].toLowerCase()}`);
  return parts.length > 0 ? parts.join(', ') : 'no changes';
}

const COLOURS: Record<string, Style> = { '+': 'green', '-': 'red', '~': 'yellow', '→': 'cyan' };

function line(c: Change, levelLabel: (title: string) => string, paint: (style: Style, s: string) => string): string {
  const d = describe(c, levelLabel);
  const colour = COLOURS[d.symbol]!;
  let subject: string;
  if (c.highlight) subject = segments(c.highlight, paint);
  else subject = [d.subject, d.target].filter((s) => s !== undefined).map(safe).join(' → ');
  const lead = d.lead ? `${safe(d.lead)}: ` : '';
  const note = d.note ? ` (${d.note})` : '';
  return `${paint(colour, d.symbol)} ${lead}${subject}${note} ${paint('dim', `[${c.impact}, ${c.bump}]`)}`;
}

/** "raised: 'with some guidance' removed: more autonomy expected" */
function why(j: NonNullable<ReturnType<typeof judgement>>): string {
  return safe([j.class, j.reasons].filter(Boolean).join(': '));
}

function segments(segs: Segment[], paint: (style: Style, s: string) => string): string {
  return segs
    .map((s) => {
      const t = safe(s.text);
      if (s.type === 'same') return t;
      // Without colour, wdiff-style markers keep the change readable.
      return s.type === 'added' ? paint(['green', 'bold'], `{+${t}+}`) : paint(['red', 'strikethrough'], `[-${t}-]`);
    })
    .join('');
}

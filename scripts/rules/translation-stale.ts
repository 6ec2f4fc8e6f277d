import { levelLabel } from '../model/ladder.js';
import { defineRule } from './define.js';
import { q } from './text.js';
import { sourceChanges, translationFacts } from './translation.js';

const MAX_LISTED = 20;

export default defineRule({
  id: 'translation-stale',
  severity: 'warning',
  description: 'The source has not changed since the version a translation is pinned to; else the changed expectations are listed, with their classes and impacts.',
  check(ctx) {
    const t = translationFacts(ctx);
    if (!t || !t.current || !t.pinned) return;
    const changes = sourceChanges(t.pinned, t.current, ctx.config);
    if (changes.length === 0) return;
    const byImpact = new Map<string, number>();
    for (const c of changes) byImpact.set(c.impact, (byImpact.get(c.impact) ?? 0) + 1);
    const counts = [...byImpact].map(([impact, n]) => `${n} ${impact}`).join(', ');
    const related = changes.slice(0, MAX_LISTED).map((c) => {
      const where = [c.level ? q(levelOf(t.current!, c.levelKey) ?? c.level) : undefined, c.category ? q(c.category) : undefined].filter(Boolean).join(' / ');
      const text = c.after ?? c.before;
      return {
        file: t.current!.file,
        position: c.position ?? t.current!.position,
        message: `${c.kind}${c.class ? ` (${c.class})` : ''}, ${c.impact}${where ? ` at ${where}` : ''}${text !== undefined ? `: ${q(text)}` : ''}`,
      };
    });
    if (changes.length > MAX_LISTED) related.push({ file: t.current.file, position: t.current.position, message: `and ${changes.length - MAX_LISTED} more (ladder diff ${t.pin.ref} -- ${t.current.file})` });
    ctx.report(
      `Source ${q(t.pin.source)} changed since ${q(t.pin.ref)}: ${changes.length} change${changes.length === 1 ? '' : 's'} (${counts}), expected the translation brought up to date and \`translationOf\` pinned to the new version`,
      t.at,
      related,
    );
  },
});

function levelOf(ladder: { levels: Array<{ key: string; code?: string; title: string }> }, key: string | undefined): string | undefined {
  const level = key === undefined ? undefined : ladder.levels.find((l) => l.key === key);
  return level ? levelLabel(level) : undefined;
}

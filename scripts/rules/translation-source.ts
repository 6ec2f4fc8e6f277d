import { translationPin } from '../model/translation.js';
import { defineRule } from './define.js';
import { q, suggest } from './text.js';
import { translationFacts } from './translation.js';

export default defineRule({
  id: 'translation-source',
  severity: 'error',
  description: '`translationOf` names another ladder of the repository, and that ladder is an original, not a translation.',
  check(ctx) {
    const t = translationFacts(ctx);
    if (!t) return;
    if (t.pin.source === ctx.ladder.id) {
      ctx.report(`Unexpected \`translationOf\` source ${q(t.pin.source)}: it is this ladder's own id, expected the id of the ladder it translates`, t.at);
      return;
    }
    if (!t.current) {
      const guess = suggest(t.pin.source, ctx.siblings.map((l) => l.id));
      ctx.report(
        `Unexpected \`translationOf\` source ${q(t.pin.source)}: no ladder has that id${guess ? ` (did you mean ${q(guess)}?)` : ''}, expected the id of the ladder this one translates`,
        t.at,
      );
      return;
    }
    const chained = translationPin(t.current);
    if (chained) {
      ctx.report(
        `Unexpected \`translationOf\` source ${q(t.pin.source)}: it is itself a translation of ${q(chained.source)}, expected the original ladder`,
        t.at,
        { file: t.current.file, position: t.current.position, message: `${q(t.current.id)} is defined here` },
      );
    }
  },
});

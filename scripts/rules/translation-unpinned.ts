import { defineRule } from './define.js';
import { q } from './text.js';
import { translationFacts } from './translation.js';

export default defineRule({
  id: 'translation-unpinned',
  severity: 'warning',
  description: 'The source version a translation is pinned to (`translationOf: <id>@<tag or commit>`) can be read from git; else it is checked against the current source and its staleness is unknown.',
  check(ctx) {
    const t = translationFacts(ctx);
    if (!t || !t.current || t.pinned) return;
    ctx.report(
      `Cannot read the source ${q(t.pin.source)} at ${q(t.pin.ref)} (${t.missing}), so the structure is checked against the current source and whether the translation is stale is unknown; expected the pinned version in this clone (fetch tags and history, e.g. \`fetch-depth: 0\`) or a \`translationOf\` that names an existing tag or commit`,
      t.at,
    );
  },
});

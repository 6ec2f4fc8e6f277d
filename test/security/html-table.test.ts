import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runLadder } from '../helpers/cli.js';

// Issue 19, item 8: in the HTML-table shape, text the author escaped (`&lt;img …&gt;`) was decoded,
// then dropped as markup by the sanitizer, leaving an empty bullet.
let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ladder-htmltable-'));
  mkdirSync(path.join(root, 'ladders'));
  writeFileSync(
    path.join(root, 'ladders/web.md'),
    `---\ntitle: Web\nid: web\n---\n\n# Web\n\n<table>\n<thead><tr><th>Level</th><th>Craft</th><th>Teamwork</th></tr></thead>\n<tbody>\n` +
      `<tr><th scope="row">L1 Junior</th><td><ul><li>Escapes &lt;img src=x onerror=alert(1)&gt; in templates.</li><li>Writes *tests* for 5 &amp; more cases.</li></ul></td><td>Asks for help.</td></tr>\n` +
      `<tr><th scope="row">L2 Senior</th><td>Designs systems.</td><td>Mentors others.</td></tr>\n</tbody>\n</table>\n`,
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('escaped text in an HTML-table ladder is shown as text, never dropped or turned into markup', async () => {
  const out = path.join(root, '..', `${path.basename(root)}-dist`);
  try {
    const b = await runLadder(root, ['build', '--out', out, '--version', 'v1.0.0', '--html-only']);
    expect(b.code).toBe(0);
    const html = readFileSync(path.join(out, 'web.html'), 'utf8');
    expect(html).toContain('<li>Escapes &#x3C;img src=x onerror=alert(1)> in templates.</li>');
    expect(html).toContain('<li>Writes *tests* for 5 &#x26; more cases.</li>');
    expect(html).not.toMatch(/<li>\s*<\/li>/);
    expect(html).not.toMatch(/<img\b/);
    const show = await runLadder(root, ['show', 'ladders/web.md']);
    expect(JSON.parse(show.stdout).levels[0].cells[0].expectations[0].text).toBe('Escapes <img src=x onerror=alert(1)> in templates.');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

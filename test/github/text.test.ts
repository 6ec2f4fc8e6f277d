import { describe, expect, test } from 'vitest';
import { cutMarkdown, summaryText } from '../../scripts/github/comment-body.js';
import { changelogSection, parseSums } from '../../scripts/github/release-plan.js';

const note = () => 'NOTE';

describe('cutMarkdown', () => {
  test('never cuts at a heading inside a fenced block, and closes a fence it must cut through', () => {
    const fenced = ['```text', ...Array.from({ length: 200 }, (_, i) => `## not a heading ${i}`), '```'].join('\n');
    const md = `## Real\n\nintro\n\n${fenced}\n\n## After\n\ntail`;
    const cut = cutMarkdown(md, 2000, note);
    expect(cut.length).toBeLessThanOrEqual(2000);
    // No preferred boundary fits except "## Real" at offset 0, so it falls back to a line inside the fence and closes it.
    expect(cut).toMatch(/## not a heading \d+\n```\n\nNOTE$/);
  });

  test('prefers the last boundary that fits; nested sections go with their parent; no hollow sections', () => {
    const ladder = (n: number) => `<details>\n<summary>L${n}</summary>\n\n#### a\n${'x'.repeat(300)}\n\n<details><summary>inner</summary>\ny\n</details>\n\n</details>`;
    const md = [1, 2, 3, 4].map(ladder).join('\n\n');
    const run = (budget: number) => {
      let seen: unknown;
      const cut = cutMarkdown(md, budget, (o) => {
        seen = o;
        return 'NOTE';
      });
      expect(cut.length).toBeLessThanOrEqual(budget);
      return { cut, seen };
    };
    // Room for L1 and the start of L2: cut inside L2 at its heading-free point, L2's details closed.
    const a = run(800);
    expect(a.seen).toMatchObject({ sections: ['L3', 'L4'], inside: 'L2' });
    expect(a.cut.endsWith('x\n\n</details>\n\nNOTE')).toBe(true);
    // Room for L1 only (L2 would be just its summary): cut before L2.
    const b = run(500);
    expect(b.seen).toEqual({ sections: ['L2', 'L3', 'L4'], headings: 3 });
    expect(b.cut).not.toContain('L2');
    expect(b.cut.match(/<details/g)!.length).toBe(b.cut.match(/<\/details>/g)!.length);
  });

  test('text without any line break is cut hard, on a code point', () => {
    const cut = cutMarkdown('😀'.repeat(100), 51, () => 'N');
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut).toMatch(/^(😀)+\n\nN$/);
  });

  test('the job summary copy stays under 1 MiB in bytes even for multi-byte text', () => {
    const md = Array.from({ length: 40_000 }, (_, i) => `#### L${i}\n- ünïcødé ✓ ${'é'.repeat(20)}`).join('\n');
    const out = summaryText(md);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(1024 * 1024);
    expect(out).toContain("GitHub's 1 MiB job summary limit");
  });
});

describe('changelogSection', () => {
  const log = [
    '# Changelog',
    '## [11.2.0] - 2025-05-01',
    'eleven',
    '## v1.2.0-rc.1',
    'candidate',
    '## [1.2.0] - 2025-04-01',
    '### Engineering',
    '```md',
    '## v1.1.0 inside a fence',
    '```',
    'body',
    '## 1.1.0',
    'older',
  ].join('\n');
  test('finds the exact version, not a prerelease or a longer number, and keeps sub-headings and fences', () => {
    expect(changelogSection(log, 'v1.2.0')).toBe('### Engineering\n```md\n## v1.1.0 inside a fence\n```\nbody');
    expect(changelogSection(log, 'v1.2.0-rc.1')).toBe('candidate');
    expect(changelogSection(log, 'v11.2.0')).toBe('eleven');
    expect(changelogSection(log, 'v1.1.0')).toBe('older');
    expect(changelogSection(log, 'v2.0.0')).toBeNull();
  });
});

describe('parseSums', () => {
  test('reads sha256sum output in text and binary mode', () => {
    const a = 'a'.repeat(64);
    const b = 'B'.repeat(64);
    expect([...parseSums(`${a}  x.pdf\n${b} *y.html\n`)]).toEqual([
      ['x.pdf', a],
      ['y.html', 'b'.repeat(64)],
    ]);
  });
  test('points at the bad line', () => {
    expect(() => parseSums(`${'a'.repeat(64)}  ok.pdf\nnot a sum\n`)).toThrow(expect.objectContaining({ file: 'SHA256SUMS', position: { line: 2, column: 1 } }));
    expect(() => parseSums(`${'a'.repeat(64)}  sub/dir.pdf\n`)).toThrow(/cannot be a release asset name/);
    expect(() => parseSums(`${'a'.repeat(64)}  x\n${'b'.repeat(64)}  x\n`)).toThrow(/listed twice/);
  });
});

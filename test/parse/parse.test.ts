import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LadderSchema } from '../../scripts/model/ladder.js';
import { parseLadder } from '../../scripts/parse/index.js';
import { semantic } from '../helpers/model.js';

const fixtures = new URL('../fixtures/', import.meta.url).pathname;
const UPDATE = process.env.UPDATE === '1';

describe('parse fixtures (input.md → expected.json)', () => {
  const dir = join(fixtures, 'parse');
  for (const name of readdirSync(dir).sort()) {
    it(name, () => {
      const input = readFileSync(join(dir, name, 'input.md'));
      const result = parseLadder(input, `${name}/input.md`);
      const actual = { diagnostics: result.diagnostics, ladder: result.ladder };
      const expectedFile = join(dir, name, 'expected.json');
      // A fixture never blesses itself: a missing expected.json fails; UPDATE=1 re-captures on purpose.
      if (UPDATE) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(expectedFile), `${name}/expected.json is missing (write it by hand, or UPDATE=1 and review)`).toBe(true);
      expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
      // The model is the zod schema's, not just similar to it.
      expect(() => LadderSchema.parse(result.ladder)).not.toThrow();
    });
  }
});

describe('one ladder written in several shapes parses to one model', () => {
  const dir = join(fixtures, 'equivalent');
  for (const name of readdirSync(dir).sort()) {
    const files = readdirSync(join(dir, name)).filter((f) => f.endsWith('.md')).sort();
    it(`${name}: ${files.join(', ')}`, () => {
      const models = files.map((f) => {
        const r = parseLadder(readFileSync(join(dir, name, f)), `${name}.md`);
        expect(r.diagnostics).toEqual([]);
        expect(r.ladder!.levels.length).toBeGreaterThan(1);
        expect(r.ladder!.shape).toBe(f.replace(/\.md$/, ''));
        return semantic(r.ladder);
      });
      for (let i = 1; i < models.length; i++) expect(models[i], files[i]).toEqual(models[0]);
    });
  }
});

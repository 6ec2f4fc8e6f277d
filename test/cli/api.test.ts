import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import * as api from '../../scripts/index.js';
import { SAMPLE_LADDERS } from '../helpers/sample-ladders.js';

// The library surface of the package (package.json "exports" → .build/scripts/index.js).
const root = mkdtempSync(path.join(os.tmpdir(), 'ladder-api-'));
cpSync(SAMPLE_LADDERS, path.join(root, 'ladders'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('load → validate → diff → render', async () => {
  const loaded = api.load(root);
  expect(loaded.ladders.map((l) => l.id).sort()).toEqual(['devrel', 'engineering']);
  expect(api.validate(loaded).filter((d) => d.severity === 'error')).toEqual([]);

  const before = loaded.ladders;
  const edited = api.parseLadder(
    readFileSync(path.join(root, 'ladders/devrel.md'), 'utf8').replace('Answers questions', 'Answers every question'),
    'ladders/devrel.md',
  ).ladder!;
  const { result, view } = api.diff(before, [edited, ...before.filter((l) => l.id !== 'devrel')]);
  expect(result.ladders.find((l) => l.id === 'devrel')?.status).toBe('modified');
  expect(api.formatMarkdown(view)).toContain('devrel');
  expect(JSON.parse(api.formatJson(result)).bump).toBe(result.bump);

  expect(await api.renderHtml(edited)).toMatch(/^<!DOCTYPE html>/i);
  const pdf = await api.renderPdf(edited, { date: new Date('2024-01-01T00:00:00Z') });
  expect(pdf.pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

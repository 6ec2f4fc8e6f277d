import { describe, expect, it } from 'vitest';
import { parseLevelTitle } from '../../scripts/parse/level-title.js';

describe('a level title and its code (DESIGN.md §1: the code is the stable key)', () => {
  it.each([
    ['L3 · Leads complex projects', 'L3', 'Leads complex projects'],
    ['D1 - Developer 1', 'D1', 'Developer 1'],
    ['Engineer I (IC 2)', 'IC2', 'Engineer I'],
    ['IC2 / Software Engineer II', 'IC2', 'Software Engineer II'],
    ['Senior Software Engineer / IC3', 'IC3', 'Senior Software Engineer'],
    ['EM-5: Director', 'EM5', 'Director'],
  ])('%s', (raw, code, title) => {
    expect(parseLevelTitle(raw)).toEqual({ key: code, code, title });
  });

  it('reads no code across a slash without spaces: `L3/L4` names two levels', () => {
    expect(parseLevelTitle('L3/L4 Senior').code).toBeUndefined();
    expect(parseLevelTitle('Frontend / Backend engineer').code).toBeUndefined();
  });

  it('sets aside an enumeration before the title: renumbering the levels renames none', () => {
    expect(parseLevelTitle('1. Junior engineer')).toEqual({ key: 'junior-engineer', title: 'Junior engineer' });
    expect(parseLevelTitle('3) L3 · Leads projects')).toEqual({ key: 'L3', code: 'L3', title: 'Leads projects' });
    expect(parseLevelTitle('1.5 Senior').title).toBe('1.5 Senior');
  });

  it('reads a code beside an emoji, and keeps an emoji where there is no code', () => {
    expect(parseLevelTitle('Engineer (L3) 🚀')).toEqual({ key: 'L3', code: 'L3', title: 'Engineer' });
    expect(parseLevelTitle('🌱 L1 · Junior')).toEqual({ key: 'L1', code: 'L1', title: 'Junior' });
    expect(parseLevelTitle('🌱 Junior data scientist')).toEqual({ key: 'junior-data-scientist', title: '🌱 Junior data scientist' });
    // A code read with the emoji in place keeps the title as written.
    expect(parseLevelTitle('L1 · Writes 😀')).toEqual({ key: 'L1', code: 'L1', title: 'Writes 😀' });
  });
});

// mergeOrders: the level order of a ladder written category by category, each category naming only some levels.
import { describe, expect, it } from 'vitest';
import { mergeOrders } from '../../scripts/parse/transpose.js';

describe('mergeOrders', () => {
  it('keeps every list’s order where the lists say it', () => {
    expect(mergeOrders([['a', 'c'], ['b', 'c', 'd'], ['a', 'b']])).toEqual(['a', 'b', 'c', 'd']);
  });
  it('lets codes of one series decide where the lists do not, and first sight otherwise', () => {
    const lists = [['SE1', 'SE3'], ['SE1', 'SE2', 'SE4']];
    expect(mergeOrders(lists)).toEqual(['SE1', 'SE3', 'SE2', 'SE4']);
    expect(mergeOrders(lists, (x) => x)).toEqual(['SE1', 'SE2', 'SE3', 'SE4']);
    expect(mergeOrders([['b', 'a'], ['c']], (x) => ({ b: 'L2', c: 'M1' })[x])).toEqual(['b', 'a', 'c']);
  });
  it('gives every item once, lists that contradict each other included', () => {
    const merged = mergeOrders([['a', 'b'], ['b', 'a'], ['c']]);
    expect([...merged].sort()).toEqual(['a', 'b', 'c']);
    // Of the two that contradict, the one seen first goes first.
    expect(merged.indexOf('a')).toBeLessThan(merged.indexOf('b'));
  });
});

import type { Level } from '../model/ladder.js';
import { nameKey, expectationKey } from './text.js';

const signatures = new WeakMap<Level, string>();

/**
 * What a level asks for, independent of order and formatting: category -> sorted expectations.
 * Remembered per level: identical-levels and repeated-expectation both compare every level with
 * the one before it.
 */
export function levelSignature(level: Level): string {
  let signature = signatures.get(level);
  if (signature === undefined) signatures.set(level, (signature = signatureOf(level)));
  return signature;
}

function signatureOf(level: Level): string {
  return level.cells
    .map((cell) => `${nameKey(cell.category)}\u0001${cell.expectations.map((e) => expectationKey(e.text)).sort().join('\u0002')}`)
    .sort()
    .join('\u0003');
}

export function hasExpectations(level: Level): boolean {
  return level.cells.some((cell) => cell.expectations.some((e) => e.text.trim() !== ''));
}

/** Indexes of levels whose content equals the level right before them. */
export function identicalToPrevious(levels: readonly Level[]): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i < levels.length; i++) {
    const level = levels[i]!;
    if (hasExpectations(level) && levelSignature(level) === levelSignature(levels[i - 1]!)) out.add(i);
  }
  return out;
}

import { byCodePoint } from '../model/order.js';

const VERSION = /(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/;

/** A release tag as the tool names releases: `vMAJOR.MINOR.PATCH`, optionally `-prerelease`. The one home of that shape. */
export const RELEASE_TAG = /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** A final release tag (no pre-release): what `version` and the changelog count as releases by default. */
export const FINAL_RELEASE_TAG = /^v\d+\.\d+\.\d+$/;

/**
 * Semantic-version order of two tag names (`v1.9.0` < `v1.10.0`, `1.0.0-rc.1` < `1.0.0`);
 * names without a version sort after versioned ones, by name.
 */
export function compareVersionTags(a: string, b: string): number {
  const va = VERSION.exec(a);
  const vb = VERSION.exec(b);
  if (!va || !vb) return va ? -1 : vb ? 1 : byName(a, b);
  for (let i = 1; i <= 3; i++) {
    const d = Number(va[i]) - Number(vb[i]);
    if (d !== 0) return Math.sign(d);
  }
  return comparePrerelease(va[4], vb[4]) || byName(a, b);
}

// semver §11: a release outranks its pre-releases; identifiers compare numerically when numeric.
function comparePrerelease(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (nx !== ny) {
      return nx ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

const byName = byCodePoint;

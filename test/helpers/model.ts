import type { Ladder } from '../../scripts/model/ladder.js';

/** The model without source positions, file and detected shape: what must not depend on how a ladder is written. */
export function semantic(ladder: Ladder | undefined): unknown {
  if (!ladder) return undefined;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (k !== 'position') out[k] = strip(v);
      return out;
    }
    return value;
  };
  const { file: _file, shape: _shape, position: _position, ...rest } = ladder;
  return strip(rest);
}

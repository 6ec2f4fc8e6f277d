/**
 * Results of the diff's pure text functions, kept by their inputs for as long as a caller keeps
 * diffing: a history walk compares the same expectation texts, and the same rewordings, over and
 * over (each commit's diff, then its release's). Bounded, oldest out first. With `copy`, every caller
 * gets its own copy of the kept value (for values that end up in changes, which callers own); without,
 * the value is shared (for values used only inside the diff).
 */
const MAX = 1 << 16;

export function textCache<V>(copy: (value: V) => V = (v) => v, max = MAX): (key: string, compute: () => V) => V {
  const kept = new Map<string, V>();
  return (key, compute) => {
    let v = kept.get(key);
    if (v === undefined) {
      v = compute();
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(key, v);
    }
    return copy(v);
  };
}

/** One textCache per object (a lexicon), dropped with it. */
export function cachePer<K extends object, V>(copy?: (value: V) => V): (owner: K) => (key: string, compute: () => V) => V {
  const caches = new WeakMap<K, (key: string, compute: () => V) => V>();
  return (owner) => {
    let c = caches.get(owner);
    if (!c) caches.set(owner, (c = textCache<V>(copy)));
    return c;
  };
}

/** mulberry32: a small seeded generator, so training is the same for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded split of each class apart (stratified), so both sides keep the conversion rate. */
export function stratifiedSplit<T>(items: readonly T[], isPositive: (item: T) => boolean, testShare: number, seed: number): { train: T[]; test: T[] } {
  const random = seededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const side of [true, false]) {
    const group = items.filter((item) => isPositive(item) === side);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j]!, group[i]!];
    }
    const cut = Math.round(group.length * testShare);
    test.push(...group.slice(0, cut));
    train.push(...group.slice(cut));
  }
  return { train, test };
}

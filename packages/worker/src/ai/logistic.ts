/**
 * L1-regularised logistic regression on binary features (a sparse 0/1 matrix given as the active
 * columns of each row), by proximal gradient descent with momentum (FISTA). Binary criteria need no
 * scaling, and the L1 penalty leaves most weights at exactly zero: few rules, each readable.
 */
export interface SparseRows {
  /** For each row, the indexes of its columns that are 1. */
  rows: readonly Int32Array[];
  columns: number;
}

export interface Fit {
  weights: Float64Array;
  intercept: number;
}

export function fitLogistic(x: SparseRows, y: readonly boolean[], lambda: number, options: { iterations?: number; start?: Fit; only?: ReadonlySet<number> } = {}): Fit {
  const n = x.rows.length;
  const p = x.columns;
  // Binary columns: the gradient's Lipschitz constant is at most (max active per row + 1) · n / 4 / n.
  let maxActive = 1;
  for (const row of x.rows) maxActive = Math.max(maxActive, row.length + 1);
  const step = 4 / maxActive;
  let w = options.start ? Float64Array.from(options.start.weights) : new Float64Array(p);
  let b = options.start?.intercept ?? 0;
  let zw = Float64Array.from(w);
  let zb = b;
  let t = 1;
  const gradient = new Float64Array(p);
  const iterations = options.iterations ?? 300;
  for (let iteration = 0; iteration < iterations; iteration++) {
    gradient.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = x.rows[i]!;
      let z = zb;
      for (let k = 0; k < row.length; k++) z += zw[row[k]!]!;
      const residual = 1 / (1 + Math.exp(-z)) - (y[i] ? 1 : 0);
      gb += residual;
      for (let k = 0; k < row.length; k++) gradient[row[k]!]! += residual;
    }
    const next = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      if (options.only && !options.only.has(j)) continue;
      const v = zw[j]! - (step * gradient[j]!) / n;
      const shrink = step * lambda;
      next[j] = v > shrink ? v - shrink : v < -shrink ? v + shrink : 0;
    }
    const nextB = zb - (step * gb) / n;
    // Adaptive restart (O'Donoghue and Candès): when the momentum points uphill, drop it.
    let uphill = (zb - nextB) * (nextB - b);
    for (let j = 0; j < p; j++) uphill += (zw[j]! - next[j]!) * (next[j]! - w[j]!);
    if (uphill > 0) t = 1;
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = (t - 1) / tNext;
    const moved = new Float64Array(p);
    let change = Math.abs(nextB - b);
    for (let j = 0; j < p; j++) {
      moved[j] = next[j]! + momentum * (next[j]! - w[j]!);
      change = Math.max(change, Math.abs(next[j]! - w[j]!));
    }
    zb = nextB + momentum * (nextB - b);
    w = next;
    b = nextB;
    zw = moved;
    t = tNext;
    if (change < CONVERGED * Math.max(1, largest(w), Math.abs(b))) break;
  }
  return { weights: w, intercept: b };
}

/**
 * A fit has converged when no weight (nor the intercept) moved by more than this share of the
 * largest in one iteration. A rule's points are its weight scaled so the positive weights sum to
 * 100 and rounded (to-definition.ts), so such a change moves no rule by more than 0.01 points:
 * further iterations only polish digits that rounding drops (they were 96 % of training time).
 */
const CONVERGED = 1e-4;

function largest(weights: Float64Array): number {
  let max = 0;
  for (const weight of weights) if (Math.abs(weight) > max) max = Math.abs(weight);
  return max;
}

/** The smallest penalty that keeps every weight at zero: where a regularisation path starts. */
export function maxLambda(x: SparseRows, y: readonly boolean[]): number {
  const n = x.rows.length;
  const mean = y.filter(Boolean).length / n;
  const correlation = new Float64Array(x.columns);
  x.rows.forEach((row, i) => {
    const residual = (y[i] ? 1 : 0) - mean;
    for (let k = 0; k < row.length; k++) correlation[row[k]!]! += residual;
  });
  let max = 0;
  for (const value of correlation) max = Math.max(max, Math.abs(value) / n);
  return max;
}

/** Each row's linear score under a fit. */
export function linearScores(x: SparseRows, fit: Fit): number[] {
  return x.rows.map((row) => {
    let z = fit.intercept;
    for (let k = 0; k < row.length; k++) z += fit.weights[row[k]!]!;
    return z;
  });
}

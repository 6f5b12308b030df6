// What a queryRecords row says of the label ahead (contract/reads.ts `RecordRow.toNext`,
// decision D29): the next label up and its points, or with `toLabel` the label aimed at. Worked out
// by hand from the thresholds below.
import { describe, expect, it } from 'vitest';
import { labelStepOf } from '../../src/service/to-next-order.ts';

const banded = { kind: 'engagement', thresholds: { high: 70, medium: 40 } } as const;
const combined = { kind: 'combined', thresholds: { fit: { high: 60, medium: 30 }, engagement: { high: 50, medium: 20 } } } as const;

describe('a row\'s toNext', () => {
  it('names the next label up with its points, without a combined score\'s per-dimension steps', () => {
    // 40 − 28 = 12 to medium; 70 − 58 = 12 to high; 70 is high, the top.
    expect(labelStepOf(banded, undefined, 28, null, null)).toEqual({ label: 'medium', points: 12 });
    expect(labelStepOf(banded, undefined, 58, null, null)).toEqual({ label: 'high', points: 12 });
    expect(labelStepOf(banded, undefined, 70, null, null)).toBeNull();
    // Fit 25 (C), engagement 45 (2): C2. Fit 30 − 25 = 5 (→ B2) and engagement 50 − 45 = 5 (→ C1) tie:
    // fit moves, B2, 5. Only { label, points }: the engagement and fit steps are left out.
    expect(labelStepOf(combined, undefined, 70, 45, 25)).toEqual({ label: 'B2', points: 5 });
    // Fit 10 (C), engagement 15 (3): fit 30 − 10 = 20, engagement 20 − 15 = 5 → C2, 5.
    expect(labelStepOf(combined, undefined, 25, 15, 10)).toEqual({ label: 'C2', points: 5 });
    // A1 (fit 60, engagement 50): none.
    expect(labelStepOf(combined, undefined, 110, 50, 60)).toBeNull();
  });

  it('is null without thresholds or when the next bound is above the max', () => {
    expect(labelStepOf({ kind: 'engagement' }, undefined, 28, null, null)).toBeNull();
    // max 60: high ≥ 70 is out of reach, so a medium 50 has no next label; a low 10 is 30 short of medium.
    expect(labelStepOf({ ...banded, limit: { max: 60 } }, undefined, 50, null, null)).toBeNull();
    expect(labelStepOf({ ...banded, limit: { max: 60 } }, undefined, 10, null, null)).toEqual({ label: 'medium', points: 30 });
  });

  it('aiming at a label: that label with the points to it, a combined one summing both dimensions', () => {
    // A low 10 aimed at high: 70 − 10 = 60 (not its next label, medium).
    expect(labelStepOf(banded, 'high', 10, null, null)).toEqual({ label: 'high', points: 60 });
    // B1 (fit ≥ 30, engagement ≥ 50) from fit 22, engagement 15: 8 + 35 = 43.
    expect(labelStepOf(combined, 'B1', 37, 15, 22)).toEqual({ label: 'B1', points: 43 });
    // Already there: 0. Out of reach (max 60): null.
    expect(labelStepOf(banded, 'medium', 45, null, null)).toEqual({ label: 'medium', points: 0 });
    expect(labelStepOf({ ...banded, limit: { max: 60 } }, 'high', 10, null, null)).toBeNull();
  });
});

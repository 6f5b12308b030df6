import type { ChangeNotice } from '../contract/index.ts';
import type { ScoreResult } from '../model/result.ts';
import { keyOf, type PreviousScores } from '../store/scores.ts';
import type { ServiceContext } from './context.ts';
import { scoreNotice } from './store-results.ts';

/**
 * A trackEvents' notices told before its transaction commits (docs/reads.md, "When a notice
 * comes"): as soon as its scores are known when the rows they replace were read beforehand, or
 * else once they are stored. Only scores and records go early: those a failed commit can correct,
 * which `correct` does with what is stored.
 */
export class EarlyNotices {
  private told: ChangeNotice[] = [];

  constructor(private readonly ctx: ServiceContext) {}

  /** What was told before the commit. */
  get announced(): readonly ChangeNotice[] {
    return this.told;
  }

  /**
   * The write's results are scored and not yet stored: with the rows they replace (`previous`),
   * the scores that move are known, and told now with the records noticed so far, taken out of
   * `notices`. Nothing is told when a result's row was not read beforehand.
   */
  scored(notices: ChangeNotice[], results: readonly ScoreResult[], previous: PreviousScores): void {
    const moved: ChangeNotice[] = [];
    for (const result of results) {
      const key = keyOf(result);
      if (!previous.has(key)) return;
      // As storeResults decides it: a score moved when its value did (none before counts as null).
      if ((previous.get(key)?.value ?? null) !== result.value) moved.push(scoreNotice(result));
    }
    if (!notices.every((notice) => notice.type === 'record')) return;
    this.tell([...notices.splice(0), ...moved]);
  }

  /**
   * The write's work is done and its transaction about to commit: what is left of `notices`, less
   * what was told already, is told now when it is only scores and records; else it stays in
   * `notices`, told once committed.
   */
  beforeCommit(notices: ChangeNotice[]): void {
    const told = new Set(this.told.map((notice) => JSON.stringify(notice)));
    const rest = notices.filter((notice) => !told.has(JSON.stringify(notice)));
    notices.length = 0;
    if (rest.every((notice) => notice.type === 'score' || notice.type === 'record')) this.tell(rest);
    else notices.push(...rest);
  }

  /**
   * The commit failed after notices went out: each score told is told again as stored now, and
   * each record again (a subscriber re-reads it). In the write queue, so that it reads after
   * whatever write came next and tells what stands.
   */
  async correct(): Promise<void> {
    if (this.told.length === 0) return;
    const told = this.told;
    // A store that cannot be read (closed under the write) still gets the records told again.
    const corrected = await this.ctx.serial(async () => {
      const store = this.ctx.opened();
      return Promise.all(told.map(async (notice): Promise<ChangeNotice> => {
        if (notice.type !== 'score') return notice;
        const row = await store.scores.get(notice.definitionId, notice.recordId);
        return { type: 'score', definitionId: notice.definitionId, recordId: notice.recordId, value: row?.value ?? null, label: row?.label ?? null, engagement: row?.engagement ?? null, fit: row?.fit ?? null };
      }));
    }).catch(() => told.filter((notice) => notice.type === 'record'));
    this.ctx.publish(corrected);
  }

  private tell(notices: ChangeNotice[]): void {
    if (notices.length === 0) return;
    this.told.push(...notices);
    this.ctx.publish(notices);
  }
}

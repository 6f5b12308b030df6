import type { ChangeNotice, RecordLifecycleView, ScoreCard } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import { getLifecycle } from './lifecycle.ts';
import { getScoreCard } from './score-card.ts';

/**
 * The notices a subscription of one record receives, with the record's state as it stands now
 * (contract/subscriptions.ts): each score notice with its card, each record and lifecycle notice
 * with the record's lifecycle. A live element re-renders from them without a read of its own.
 * Read once per batch however many subscribers the record has.
 */
export async function withRecordState(ctx: ServiceContext, recordId: string, notices: readonly ChangeNotice[]): Promise<ChangeNotice[]> {
  const definitionIds = new Set(notices.flatMap((notice) => (notice.type === 'score' ? [notice.definitionId] : [])));
  const wantsLifecycle = notices.some((notice) => notice.type === 'record' || notice.type === 'lifecycle');
  const [cards, lifecycle] = await Promise.all([
    Promise.all([...definitionIds].map(async (id) => [id, await getScoreCard(ctx, recordId, id).catch(() => undefined)] as const)),
    wantsLifecycle ? getLifecycle(ctx, recordId).catch((): RecordLifecycleView | null => null) : undefined,
  ]);
  const cardOf = new Map<string, ScoreCard | undefined>(cards);
  return notices.map((notice) => {
    if (notice.type === 'score') {
      const card = cardOf.get(notice.definitionId);
      return card ? { ...notice, card } : notice;
    }
    if (notice.type === 'record' || notice.type === 'lifecycle') return { ...notice, lifecycle };
    return notice;
  });
}

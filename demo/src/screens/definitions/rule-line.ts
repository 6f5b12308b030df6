// A rule as one line of words in its group's card, the way HubSpot lists a score's criteria:
// "marketing_email_open · +2 each · −50 % every month", "Country is Denmark · +10". The group's
// decay is on each event rule's line it applies to (a rule with a timeframe does not decay).
import type { Group, Rule } from '@leadscore/sdk';
import { decayWords, ruleWords } from '../share/definition-words.ts';

export function ruleLine(rule: Rule, group: Pick<Group, 'decay'>, at: Element = document.documentElement): string {
  const words = ruleWords(rule, at);
  const decays = rule?.type === 'event' && group.decay && !rule.timeframe;
  return decays && group.decay ? `${words} · ${decayWords(group.decay, at)}` : words;
}

// The builder's rule health in English and Danish, in the element's language (versions-messages.ts).
// Figures come formatted for the language (percentages, signed means): the catalogs hold the words.
import { defineMessages } from '@leadscore/widgets';

const en = {
  label: 'Rule health',
  fires: 'fires for {share}',
  mean: 'mean {mean}',
  capped: 'capped {share}',
  noneInScope: 'no records in scope',
  updating: 'updating…',
  never_fires: 'never fires',
  fires_for_everyone: 'fires for everyone',
  capped_away: 'capped away by the group limit',
  failed: 'Rule health could not be computed: {error}',
};

type RuleHealthMessage = keyof typeof en;

const da: Record<RuleHealthMessage, string> = {
  label: 'Regelens sundhed',
  fires: 'gælder for {share}',
  mean: 'gennemsnit {mean}',
  capped: 'beskåret {share}',
  noneInScope: 'ingen poster med score',
  updating: 'opdaterer…',
  never_fires: 'gælder aldrig',
  fires_for_everyone: 'gælder for alle',
  capped_away: 'fjernet helt af gruppens loft',
  failed: 'Regelens sundhed kunne ikke beregnes: {error}',
};

/** The rule health's words in the element's language (the shared locale mechanism). */
export const ruleHealthText = defineMessages(en, { da });

// The builder's backfill option's words in English and Danish (the shared locale mechanism).
import { defineMessages } from '@leadscore/widgets';

const en = {
  fill: 'Fill in the last {days} days of history',
  hint: 'Scores every record as it would have been each day before, so the score history is not empty from the start.',
  filling: 'Filling in history: {done} / {total} days',
};

export type BackfillMessage = keyof typeof en;

const da: Record<BackfillMessage, string> = {
  fill: 'Udfyld historikken for de sidste {days} dage',
  hint: 'Scorer hver post, som den ville have været hver dag før, så scorehistorikken ikke er tom fra starten.',
  filling: 'Udfylder historik: {done} / {total} dage',
};

/** The option's words in the element's language. */
export const backfillText = defineMessages(en, { da });

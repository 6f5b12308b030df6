// The weekly label report's words in English and Danish (the shared locale mechanism). Values put
// into a message stay text.
import { defineMessages } from '@leadscore/widgets';

const en = {
  title: 'Labels week by week',
  about: 'How many records had each label at the end of each of the last 13 weeks, read from the score history. A definition activated with its history filled in shows the weeks before its activation too.',
  definition: 'Definition',
  weekEnd: 'Week ending',
  scored: 'Scored',
  outOfScope: 'Out of scope',
  noLabels: 'No active definition has thresholds: there are no labels to count.',
  loading: 'Reading the score history…',
  empty: 'No score history in these weeks yet.',
  failed: 'Could not compute the weekly report: {message}',
  chart: 'Share of the scored records with each label at the end of each week, {name}. The table below has the same numbers.',
  caption: '{name}: records per label at the end of each week',
  cell: '{count} ({share})',
};

export type WeeklyMessage = keyof typeof en;

const da: Record<WeeklyMessage, string> = {
  title: 'Etiketter uge for uge',
  about: 'Hvor mange poster der havde hver etiket ved slutningen af hver af de sidste 13 uger, læst fra scorehistorikken. En definition, der blev aktiveret med udfyldt historik, viser også ugerne før aktiveringen.',
  definition: 'Definition',
  weekEnd: 'Uge, der slutter',
  scored: 'Scoret',
  outOfScope: 'Uden for omfang',
  noLabels: 'Ingen aktiv definition har grænser: der er ingen etiketter at tælle.',
  loading: 'Læser scorehistorikken…',
  empty: 'Ingen scorehistorik i disse uger endnu.',
  failed: 'Ugerapporten kunne ikke beregnes: {message}',
  chart: 'Andel af de scorede poster med hver etiket ved slutningen af hver uge, {name}. Tabellen nedenfor har de samme tal.',
  caption: '{name}: poster pr. etiket ved slutningen af hver uge',
  cell: '{count} ({share})',
};

/** The report's words in the element's language. */
export const weeklyText = defineMessages(en, { da });

// A sample-data generation's phases in English and Danish, for the welcome and the data screen.
import { defineMessages } from '@leadscore/widgets';

const en = {
  idle: 'No generation is running.',
  clearing: 'Clearing the stored data…',
  storing: 'Generating contacts with their companies, deals and events: {done} of {total} stored…',
  saving: 'Saving the score definitions…',
  scoring: 'Scoring the records: {done} of {total}',
  ready: 'Ready: {contacts} contacts, {companies} companies, {deals} deals and {events} events.',
  failed: 'The generation failed: {message}',
};

const da: Record<keyof typeof en, string> = {
  idle: 'Ingen generering er i gang.',
  clearing: 'Sletter de gemte data…',
  storing: 'Genererer kontakter med deres virksomheder, handler og hændelser: {done} af {total} gemt…',
  saving: 'Gemmer scoredefinitionerne…',
  scoring: 'Scorer posterne: {done} af {total}',
  ready: 'Klar: {contacts} kontakter, {companies} virksomheder, {deals} handler og {events} hændelser.',
  failed: 'Genereringen mislykkedes: {message}',
};

export const runPhaseText = defineMessages(en, { da });

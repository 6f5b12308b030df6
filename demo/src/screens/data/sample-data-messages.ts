// The built-in sample data's banner (sample-data.ts) in English and Danish; the phase under its
// title is run-phase.ts's words.
import { defineMessages } from '@leadscore/widgets';

const en = {
  preparing: 'Preparing sample data',
  ready: 'Sample data ready',
  failed: 'Sample data failed',
};

const da: Record<keyof typeof en, string> = {
  preparing: 'Forbereder eksempeldata',
  ready: 'Eksempeldata er klar',
  failed: 'Eksempeldata mislykkedes',
};

export const sampleDataText = defineMessages(en, { da });

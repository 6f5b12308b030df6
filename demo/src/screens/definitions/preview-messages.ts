// The builder preview's words in English and Danish, in the element's language (versions-messages.ts).
import { defineMessages } from '@leadscore/widgets';

const en = {
  previewing: 'Previewing: {done} of {total} scored',
  live: 'The preview follows your edits.',
};

type PreviewMessage = keyof typeof en;

const da: Record<PreviewMessage, string> = {
  previewing: 'Forhåndsviser: {done} af {total} scoret',
  live: 'Forhåndsvisningen følger dine ændringer.',
};

/** The preview's words in the element's language (the shared locale mechanism). */
export const previewText = defineMessages(en, { da });

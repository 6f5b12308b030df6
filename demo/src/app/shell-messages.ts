// The frame's words in English and Danish, through the locale mechanism the widgets use
// (defineMessages in @leadscore/widgets). Values put into a message stay text.
import { defineMessages } from '@leadscore/widgets';

const en = {
  unknownPage: 'There is no page “{screen}” here.',
  malformedAddress: 'This address cannot be read: it has a “%” that is not followed by a character code, as a link cut short or typed by hand may have.',
  home: 'Go to the definitions',
  mainNavigation: 'Main',
  language: 'Language',
  'nav.definitions': 'Definitions',
  'nav.records': 'Records',
  'nav.reports': 'Reports',
  'nav.compare': 'Compare',
  'nav.data': 'Data',
  'nav.settings': 'Settings',
  'nav.embed': 'Embed',
};

export type ShellMessage = keyof typeof en;

const da: Record<ShellMessage, string> = {
  unknownPage: 'Der er ingen side “{screen}” her.',
  malformedAddress: 'Adressen kan ikke læses: den har et “%”, som ikke efterfølges af en tegnkode, som et afkortet eller håndskrevet link kan have.',
  home: 'Gå til definitionerne',
  mainNavigation: 'Hovedmenu',
  language: 'Sprog',
  'nav.definitions': 'Definitioner',
  'nav.records': 'Poster',
  'nav.reports': 'Rapporter',
  'nav.compare': 'Sammenlign',
  'nav.data': 'Data',
  'nav.settings': 'Indstillinger',
  'nav.embed': 'Indlejring',
};

/** The frame's words in the element's language. */
export const shellText = defineMessages(en, { da });

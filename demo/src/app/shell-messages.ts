// The frame's words in English and Danish, in the element's language (da, da-DK → Danish), as the
// screens' are (definitions/versions-messages.ts). Values put into a message stay text.
import { localText } from '../screens/definitions/versions-messages.ts';

const en = {
  unknownPage: 'There is no page “{screen}” here.',
  malformedAddress: 'This address cannot be read: it has a “%” that is not followed by a character code, as a link cut short or typed by hand may have.',
  home: 'Go to the definitions',
};

type ShellMessage = keyof typeof en;

const da: Record<ShellMessage, string> = {
  unknownPage: 'Der er ingen side “{screen}” her.',
  malformedAddress: 'Adressen kan ikke læses: den har et “%”, som ikke efterfølges af en tegnkode, som et afkortet eller håndskrevet link kan have.',
  home: 'Gå til definitionerne',
};

/** The frame's words in the element's language, with `{name}` filled in (values stay text). */
export function shellText(element: Element): (key: ShellMessage, values?: Record<string, string | number>) => string {
  return localText(element, en, da);
}

// The share screen's words in English and Danish, in the element's language (da, da-DK → Danish),
// as the builder's are (definitions/versions-messages.ts). Values put into a message stay text.
import { localText } from '../definitions/versions-messages.ts';

const en = {
  opening: 'Opening the shared definition…',
  back: '← Definitions',
  'refused.empty': 'This link holds no definition: the part after “#/share/” is empty.',
  'refused.too-long': 'This link is {length} characters long, and a share link may have at most {max}: it was not read.',
  'refused.not-base64': 'This link does not hold a definition: it has characters or a length a share link cannot have (it may have been cut short or changed when copied).',
  'refused.not-deflate': 'This link does not hold a definition: its data is damaged or cut short (copy the whole link again).',
  'refused.too-large': 'This link unpacks to more than {max} of JSON, more than a definition may be: it was not unpacked further.',
  'refused.not-text': 'This link does not hold a definition: its data is not text.',
  'refused.too-deep': 'This link’s JSON is nested more than {max} levels deep, deeper than a definition may be: it was not read.',
  'refused.not-json': 'This link does not hold a definition: its data is not JSON.',
  invalidTitle: 'A shared definition with problems',
  readonly: 'Shared definition · read-only',
  onData: 'On this browser’s data',
  json: 'The definition JSON',
  save: 'Save as a draft…',
  copyToBuilder: 'Copy into the builder',
  copied: 'Copied from a shared link: save it as a draft to keep it.',
  copiedRenamed: 'Copied from a shared link with the id “{copyId}”, as “{id}” is stored already: save it as a draft to keep it.',
  checking: 'Checking what is stored…',
  confirmNew: 'Save “{name}” as a new draft with the id “{id}”? Nothing stored has this id; nothing is activated.',
  confirmSave: 'Save the draft',
  conflictTitle: 'A definition with the id “{id}” is stored already',
  conflictStored: 'Stored: “{name}”, version {version}, {status}.',
  conflictDraft: 'Its latest version is draft version {version}, “{name}”.',
  conflictSafe: 'Nothing is saved until you choose; nothing is activated either way, so no score changes.',
  keepBoth: 'Keep both: save the shared one as a copy with the id “{copyId}”',
  newVersion: 'Save it as draft version {version} of “{id}” (every stored version stays)',
  replaceDraft: 'Replace draft version {version} of “{id}” with it (the other versions stay)',
  cancel: 'Cancel',
  cancelled: 'Nothing was saved.',
  saved: 'Saved “{name}” as draft version {version} of “{id}”: open it to test and activate it.',
  open: 'Open it',
  failed: 'Nothing was saved: {message}',
  'status.active': 'active',
  'status.draft': 'a draft',
  'status.inactive': 'inactive',
  tooLongToShare: 'This definition is too large for a link ({length} characters, at most {max}): export it as JSON instead.',
};

export type ShareMessage = keyof typeof en;

const da: Record<ShareMessage, string> = {
  opening: 'Åbner den delte definition…',
  back: '← Definitioner',
  'refused.empty': 'Linket indeholder ingen definition: delen efter “#/share/” er tom.',
  'refused.too-long': 'Linket er {length} tegn langt, og et delingslink må højst have {max}: det blev ikke læst.',
  'refused.not-base64': 'Linket indeholder ingen definition: det har tegn eller en længde, et delingslink ikke kan have (det kan være afkortet eller ændret, da det blev kopieret).',
  'refused.not-deflate': 'Linket indeholder ingen definition: dets data er beskadiget eller afkortet (kopiér hele linket igen).',
  'refused.too-large': 'Linket pakkes ud til mere end {max} JSON, mere end en definition må fylde: det blev ikke pakket videre ud.',
  'refused.not-text': 'Linket indeholder ingen definition: dets data er ikke tekst.',
  'refused.too-deep': 'Linkets JSON er indlejret mere end {max} niveauer, dybere end en definition må være: det blev ikke læst.',
  'refused.not-json': 'Linket indeholder ingen definition: dets data er ikke JSON.',
  invalidTitle: 'En delt definition med problemer',
  readonly: 'Delt definition · skrivebeskyttet',
  onData: 'På denne browsers data',
  json: 'Definitionens JSON',
  save: 'Gem som kladde…',
  copyToBuilder: 'Kopiér til editoren',
  copied: 'Kopieret fra et delt link: gem den som kladde for at beholde den.',
  copiedRenamed: 'Kopieret fra et delt link med id’et “{copyId}”, da “{id}” allerede er gemt: gem den som kladde for at beholde den.',
  checking: 'Tjekker hvad der er gemt…',
  confirmNew: 'Gem “{name}” som en ny kladde med id’et “{id}”? Intet gemt har dette id; intet aktiveres.',
  confirmSave: 'Gem kladden',
  conflictTitle: 'En definition med id’et “{id}” er allerede gemt',
  conflictStored: 'Gemt: “{name}”, version {version}, {status}.',
  conflictDraft: 'Dens nyeste version er kladde, version {version}, “{name}”.',
  conflictSafe: 'Intet gemmes, før du vælger; intet aktiveres i nogen af tilfældene, så ingen score ændres.',
  keepBoth: 'Behold begge: gem den delte som en kopi med id’et “{copyId}”',
  newVersion: 'Gem den som kladde, version {version} af “{id}” (alle gemte versioner bliver)',
  replaceDraft: 'Erstat kladden, version {version} af “{id}”, med den (de andre versioner bliver)',
  cancel: 'Annullér',
  cancelled: 'Intet blev gemt.',
  saved: 'Gemte “{name}” som kladde, version {version} af “{id}”: åbn den for at teste og aktivere den.',
  open: 'Åbn den',
  failed: 'Intet blev gemt: {message}',
  'status.active': 'aktiv',
  'status.draft': 'en kladde',
  'status.inactive': 'inaktiv',
  tooLongToShare: 'Definitionen er for stor til et link ({length} tegn, højst {max}): eksportér den som JSON i stedet.',
};

/** The share screen's words in the element's language, with `{name}` filled in (values stay text). */
export function shareText(element: Element): (key: ShareMessage, values?: Record<string, string | number>) => string {
  return localText(element, en, da);
}

/** A size in bytes as the messages say it: 1 MiB, 64 KiB. */
export function sizeText(bytes: number): string {
  return bytes >= 1_048_576 ? `${bytes / 1_048_576} MiB` : `${bytes / 1024} KiB`;
}

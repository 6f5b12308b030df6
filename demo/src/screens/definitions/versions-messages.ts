// The versions panel's words in English and Danish, chosen by the page's `lang` (da, da-DK →
// Danish), as the CSV import's are (data/import-text.ts). Values put into a message stay text.
import { defineMessages } from '@leadscore/widgets';

const en = {
  title: 'Versions',
  loading: 'Loading versions…',
  none: 'Save the definition to keep its versions.',
  version: 'Version {version}',
  draft: 'draft',
  active: 'active',
  inactive: 'inactive',
  activeFrom: 'active from {from}',
  activeFromTo: 'active {from} – {to}',
  neverActive: 'never active',
  compare: 'Changes to the latest',
  hide: 'Hide changes',
  restore: 'Restore as a new draft',
  restored: 'Version {version} is restored as draft version {draft}: test it, then activate it.',
  alreadyLatest: 'The latest version already holds version {version}: nothing to restore.',
  diffTitle: 'From version {from} to version {to}',
  same: 'No changes: both score every record alike.',
  fields: 'Definition',
  groupAdded: 'Group {id} added',
  groupRemoved: 'Group {id} removed',
  groupChanged: 'Group {id} changed',
  ruleAdded: 'Rule {id} added to group {group}',
  ruleRemoved: 'Rule {id} removed from group {group}',
  ruleChanged: 'Rule {id} (group {group}) changed',
  unset: 'not set',
};

export type VersionsMessage = keyof typeof en;

const da: Record<VersionsMessage, string> = {
  title: 'Versioner',
  loading: 'Henter versioner…',
  none: 'Gem definitionen for at beholde dens versioner.',
  version: 'Version {version}',
  draft: 'kladde',
  active: 'aktiv',
  inactive: 'inaktiv',
  activeFrom: 'aktiv fra {from}',
  activeFromTo: 'aktiv {from} – {to}',
  neverActive: 'aldrig aktiv',
  compare: 'Ændringer til den nyeste',
  hide: 'Skjul ændringer',
  restore: 'Gendan som ny kladde',
  restored: 'Version {version} er gendannet som kladde, version {draft}: test den, og aktivér den så.',
  alreadyLatest: 'Den nyeste version er allerede version {version}: intet at gendanne.',
  diffTitle: 'Fra version {from} til version {to}',
  same: 'Ingen ændringer: begge giver alle poster samme score.',
  fields: 'Definition',
  groupAdded: 'Gruppen {id} er tilføjet',
  groupRemoved: 'Gruppen {id} er fjernet',
  groupChanged: 'Gruppen {id} er ændret',
  ruleAdded: 'Reglen {id} er tilføjet gruppen {group}',
  ruleRemoved: 'Reglen {id} er fjernet fra gruppen {group}',
  ruleChanged: 'Reglen {id} (gruppen {group}) er ændret',
  unset: 'ikke sat',
};

/** The panel's words in the element's language (the shared locale mechanism). */
export const versionsText = defineMessages(en, { da });

// The first-visit welcome's words in English and Danish (the shared locale mechanism).
import { defineMessages } from '@leadscore/widgets';

const en = {
  title: 'Welcome to the Leadscore demo',
  what: 'This browser holds a sample CRM: {contacts, plural, one {# generated contact} other {# generated contacts}}, their companies and deals, and a year of their events (page views, emails, forms, meetings). None of it is real, and nothing leaves this browser: the scoring runs here, in a worker.',
  whereTitle: 'Where to look first',
  definitions: 'The sample definitions',
  definitionsWhy: 'three scores: engagement, fit, and a combined A1–C3 grade. Open one to see its rules.',
  record: 'A record',
  recordWhy: 'pick a contact to see its scores, why it got them, and its lifecycle.',
  reports: 'The reports',
  reportsWhy: 'how the scores spread and how well they predict who converts.',
  dataHint: 'Your own CSV export, a bigger sample or a reset: the Data screen.',
  dismiss: 'Got it',
  dismissLabel: 'Close the welcome; it will not show again',
  looking: 'Looking for data stored in this browser…',
};

const da: Record<keyof typeof en, string> = {
  title: 'Velkommen til Leadscore-demoen',
  what: 'Browseren her rummer et eksempel-CRM: {contacts, plural, one {# genereret kontakt} other {# genererede kontakter}}, deres virksomheder og handler og et års hændelser (sidevisninger, e-mails, formularer, møder). Intet af det er ægte, og intet forlader browseren: scoringen kører her, i en worker.',
  whereTitle: 'Hvor du kan begynde',
  definitions: 'Eksempeldefinitionerne',
  definitionsWhy: 'tre scorer: engagement, fit og en samlet karakter fra A1 til C3. Åbn en for at se dens regler.',
  record: 'En post',
  recordWhy: 'vælg en kontakt for at se dens scorer, hvorfor den fik dem, og dens livscyklus.',
  reports: 'Rapporterne',
  reportsWhy: 'hvordan scorerne fordeler sig, og hvor godt de forudsiger, hvem der konverterer.',
  dataHint: 'Din egen CSV-eksport, flere eksempeldata eller en nulstilling: skærmen Data.',
  dismiss: 'Forstået',
  dismissLabel: 'Luk velkomsten; den vises ikke igen',
  looking: 'Leder efter data gemt i denne browser…',
};

export const firstVisitText = defineMessages(en, { da });

// The builder preview's words in English and Danish, in the element's language (versions-messages.ts).
import { versionsLocale } from './versions-messages.ts';

const en = {
  previewing: 'Previewing: {done} of {total} scored',
  live: 'The preview follows your edits.',
};

type PreviewMessage = keyof typeof en;

const da: Record<PreviewMessage, string> = {
  previewing: 'Forhåndsviser: {done} af {total} scoret',
  live: 'Forhåndsvisningen følger dine ændringer.',
};

/** The preview's words in the element's language, with `{name}` filled in (values stay text). */
export function previewText(element: Element): (key: PreviewMessage, values?: Record<string, string | number>) => string {
  const table = versionsLocale(element) === 'da' ? da : en;
  return (key, values = {}) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

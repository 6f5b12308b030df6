// The dashboard's language: the page's `lang`, which the screens' catalogs and the widgets both read
// (defineMessages / localeOf in @leadscore/widgets), chosen by the switch in the frame and kept.
const KEY = 'leadscore-demo-language';

export const LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'da', name: 'Dansk' },
] as const;

export type Language = (typeof LANGUAGES)[number]['tag'];

function isLanguage(tag: string | null): tag is Language {
  return LANGUAGES.some((language) => language.tag === tag);
}

/** The kept choice, else the browser's language when one ships (da-DK → da), else English. */
export function startLanguage(): Language {
  let kept: string | null = null;
  try {
    kept = localStorage.getItem(KEY);
  } catch {
    // Storage refused (a sandboxed frame): the browser's language then.
  }
  const browser = (navigator.language || 'en').toLowerCase().split('-')[0] ?? 'en';
  const language = isLanguage(kept) ? kept : isLanguage(browser) ? browser : 'en';
  document.documentElement.lang = language;
  return language;
}

export function setLanguage(language: Language): void {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(KEY, language);
  } catch {
    // Not kept across visits; this visit still switches.
  }
}

// Hash routes: the demo is static files (npm start, npm run build), so the hash carries the screen and
// its parameters, and a shared definition travels in it too (#/share/<definition>).

import type { ShellMessage } from './shell-messages.ts';

export interface Route {
  /** The first path segment: definitions, records, reports, data, share. */
  screen: string;
  /** The remaining segments, decoded. */
  params: string[];
}

export interface ScreenEntry {
  screen: string;
  /** The custom element that renders the screen; it receives `params` as a property. */
  tag: string;
  /** Its name in the navigation (a key of shell-messages.ts); screens without one (share) are reached by links only. */
  label?: ShellMessage;
}

const screens = new Map<string, ScreenEntry>();

/** Screens register themselves when their module loads (main.ts imports every screen). */
export function registerScreen(entry: ScreenEntry): void {
  screens.set(entry.screen, entry);
}

export function screenEntries(): ScreenEntry[] {
  return [...screens.values()];
}

export function screenOf(route: Route): ScreenEntry | undefined {
  return screens.get(route.screen);
}

/** The screen shown when the address cannot be read (a malformed `%` escape): the shell says so. */
export const MALFORMED_ROUTE = '!malformed';

export function currentRoute(): Route {
  return routeOf(location.hash);
}

/**
 * The route a hash names. Never throws: a hash with a malformed escape (`#/%`, `#/%E0%A4%A`), which
 * decodeURIComponent refuses with a URIError, is the MALFORMED_ROUTE screen, which no screen has.
 */
export function routeOf(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const decoded: string[] = [];
  for (const part of parts) {
    try {
      decoded.push(decodeURIComponent(part));
    } catch {
      return { screen: MALFORMED_ROUTE, params: [] };
    }
  }
  const [screen = 'definitions', ...params] = decoded;
  return { screen: screen || 'definitions', params };
}

/** The same screen with the same params. */
export function sameRoute(a: Route, b: Route): boolean {
  return a.screen === b.screen && a.params.length === b.params.length && a.params.every((param, i) => param === b.params[i]);
}

export function hrefOf(screen: string, ...params: string[]): string {
  return `#/${[screen, ...params].map((part) => encodeURIComponent(part)).join('/')}`;
}

export function navigate(screen: string, ...params: string[]): void {
  location.hash = hrefOf(screen, ...params);
}

import { css, html, LitElement, nothing } from 'lit';
import { currentRoute, hrefOf, MALFORMED_ROUTE, sameRoute, screenEntries, screenOf, type Route } from './router.ts';
import { LANGUAGES, setLanguage, startLanguage, type Language } from './language.ts';
import { shellText } from './shell-messages.ts';
import { adoptTheme } from './theme.ts';
import { welcomeDismissed } from './first-visit.ts';

/**
 * The dashboard's frame: the navigation and the current screen (one custom element per screen,
 * given the route's params). Screens register themselves in router.ts.
 */
export class DemoApp extends LitElement {
  static override styles = css`
    :host { display: grid; grid-template-rows: auto 1fr; grid-template-columns: minmax(0, 1fr); min-height: 100vh; font: 15px/1.5 system-ui, sans-serif; color: var(--demo-text); background: var(--demo-bg); }
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; padding: 10px 24px; background: var(--demo-header-bg); color: var(--demo-header-text); }
    header strong { font-size: 17px; }
    nav { display: flex; flex-wrap: wrap; gap: 4px; }
    nav a { color: var(--demo-header-muted); text-decoration: none; padding: 6px 12px; border-radius: 6px; }
    nav a:hover { color: var(--demo-header-text); }
    nav a[aria-current='page'] { background: var(--demo-header-current); color: var(--demo-header-text); }
    a:focus-visible, select:focus-visible, button:focus-visible { outline: 2px solid var(--demo-header-focus); outline-offset: 2px; }
    main a:focus-visible { outline-color: var(--demo-focus); }
    .language { margin-left: auto; display: flex; gap: 8px; align-items: center; font-size: 13px; }
    .language select { font: inherit; padding: 3px 6px; border-radius: 6px; border: 1px solid var(--demo-header-current); background: var(--demo-header-bg); color: var(--demo-header-text); }
    main { padding: 24px; max-width: 1200px; width: 100%; margin: 0 auto; box-sizing: border-box; min-width: 0; }
    main a { color: var(--demo-accent); }
    /* Narrow: the name and the language on the first line, the navigation wrapping below them. */
    @media (max-width: 600px) {
      header { padding: 8px 12px; gap: 6px 12px; }
      nav { order: 3; width: 100%; gap: 2px; }
      nav a { padding: 6px 8px; }
      main { padding: 12px; }
    }
  `;
  static override properties = { route: { attribute: false }, language: { state: true }, welcome: { state: true } };

  declare route: Route;
  declare language: Language;
  /** The first visit's welcome shows until it is dismissed (first-visit.ts). */
  declare welcome: boolean;

  constructor() {
    super();
    this.route = currentRoute();
    this.language = startLanguage();
    this.welcome = !welcomeDismissed();
    adoptTheme();
  }

  /** Every screen is made anew in the chosen language (the widgets in it read the page's `lang`). */
  private readonly onLanguage = (event: Event) => {
    const language = (event.target as HTMLSelectElement).value as Language;
    setLanguage(language);
    this.language = language;
  };

  // Two hash changes in a row (a link followed at once by another) fire two events that both read
  // the newest hash: the second must not replace the screen the first rendered, with what the
  // user has typed into it since.
  private readonly onHashChange = () => {
    const next = currentRoute();
    if (!sameRoute(next, this.route)) this.route = next;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  override render() {
    const t = shellText(this);
    const entry = screenOf(this.route);
    const screen = entry ? Object.assign(document.createElement(entry.tag), { params: this.route.params }) : this.renderNotFound();
    return html`
      <header>
        <strong>Leadscore</strong>
        <nav aria-label=${t('mainNavigation')}>
          ${screenEntries().filter((item) => item.label).map((item) => html`<a href=${hrefOf(item.screen)} aria-current=${item.screen === this.route.screen ? 'page' : 'false'}>${t(item.label!)}</a>`)}
          <a href="./embed.html">${t('nav.embed')}</a>
        </nav>
        <label class="language">${t('language')}
          <select data-testid="language" @change=${this.onLanguage}>
            ${LANGUAGES.map((language) => html`<option value=${language.tag} lang=${language.tag} ?selected=${language.tag === this.language}>${language.name}</option>`)}
          </select>
        </label>
      </header>
      <main>
        ${this.welcome ? html`<demo-first-visit @welcome-dismissed=${() => { this.welcome = false; }}></demo-first-visit>` : nothing}
        ${screen}
      </main>
    `;
  }

  /** No screen for the address: say why, with the way home (the address is kept, to be read). */
  private renderNotFound() {
    const t = shellText(this);
    const text = this.route.screen === MALFORMED_ROUTE ? t('malformedAddress') : t('unknownPage', { screen: this.route.screen });
    return html`<section data-testid="not-found" role="alert"><p>${text}</p><p><a href=${hrefOf('definitions')}>${t('home')}</a></p></section>`;
  }
}

customElements.define('demo-app', DemoApp);

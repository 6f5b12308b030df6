import { ContextProvider } from '@lit/context';
import type { LeadscoreClient } from '@leadscore/sdk';
import { css, html, LitElement } from 'lit';
import { clientContext } from '../internal/client-context.ts';

/**
 * @summary Holds a Leadscore client and hands it to every `lead-` element inside it (through
 * `@lit/context`). Give it a client (`.client = createClient(…)`), or a `db-name` attribute and it
 * creates one itself (and closes it when removed from the page).
 *
 * @slot - The elements that use the client.
 */
export class LeadProvider extends LitElement {
  /** A transparent box: only its children show. */
  static override styles = css`
    :host {
      display: contents;
    }
  `;
  static override properties = {
    client: { attribute: false },
    dbName: { type: String, attribute: 'db-name' },
  };

  /** The client handed down; set it, or let `db-name` create one. */
  declare client: LeadscoreClient | undefined;
  /** The IndexedDB database of a client the provider creates itself. */
  declare dbName: string | undefined;

  private readonly provider = new ContextProvider(this, { context: clientContext });
  private ownClient: LeadscoreClient | undefined;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('dbName') && this.dbName && !this.client) void this.createOwnClient(this.dbName);
    this.provider.setValue(this.client ?? this.ownClient);
  }

  /**
   * The SDK is loaded only here, on demand: a page that hands the provider its own client has the
   * SDK already, and one that shows static data needs none (the widgets' size budget).
   */
  private async createOwnClient(dbName: string): Promise<void> {
    const { createClient } = await import('@leadscore/sdk');
    if (this.dbName !== dbName || this.client || !this.isConnected) return;
    void this.ownClient?.close();
    this.ownClient = createClient({ dbName });
    this.provider.setValue(this.ownClient);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.ownClient?.close();
    this.ownClient = undefined;
    this.provider.setValue(this.client);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.client && this.dbName && !this.ownClient) this.requestUpdate('dbName');
  }

  override render() {
    return html`<slot></slot>`;
  }
}

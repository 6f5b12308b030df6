import type { CrmFormat, ExportKind } from './crm-format.ts';

/**
 * Zoho CRM's exports of leads, contacts, accounts and deals (`Record Id` with `zcrm_` ids, `Created
 * Time`, `Lead Status`, `Stage`, and a lookup's id as `<lookup>.id`, e.g. `Account Name.id`).
 */

const kinds = {
  lead: { objectType: 'contact', name: 'leads', leadObject: true },
  contact: { objectType: 'contact', name: 'contacts' },
  account: { objectType: 'company', name: 'accounts' },
  deal: { objectType: 'deal', name: 'deals' },
} as const satisfies Record<string, ExportKind>;

const signalNames = ['created time', 'modified time', 'lead owner', 'account owner', 'closing date', 'account name.id', 'contact name.id', 'probability (%)'];

export const zoho: CrmFormat = {
  name: 'zoho',

  signals(header) {
    const zcrmIds = header.sample('record id').some((id) => id.trim().startsWith('zcrm_'));
    if (!header.has('record id') || (!zcrmIds && !header.has('created time'))) return 0;
    return signalNames.filter((name) => header.has(name)).length + (zcrmIds ? 2 : 0);
  },

  kindOf(header) {
    if (header.has('deal name', 'closing date', 'deal owner')) return kinds.deal;
    if (header.has('lead status', 'lead owner')) return kinds.lead;
    if (header.has('first name', 'last name', 'contact owner')) return kinds.contact;
    if (header.has('account name', 'account owner')) return kinds.account;
    return undefined;
  },

  kindFor(objectType) {
    return objectType === 'contact' ? kinds.contact : objectType === 'company' ? kinds.account : kinds.deal;
  },

  roleOf(name, kind) {
    switch (name) {
      case 'record id':
        return { kind: 'id' };
      case 'created time':
        return { kind: 'createdAt' };
      case 'lead status':
        return kind.leadObject ? { kind: 'leadStatus' } : undefined;
      case 'stage':
        return kind.objectType === 'deal' ? { kind: 'dealStage' } : undefined;
      case 'account name.id':
        return kind.objectType === 'company' ? undefined : { kind: 'association', link: 'primaryCompany' };
      case 'contact name.id':
        return kind.objectType === 'deal' ? { kind: 'association', link: 'contacts' } : undefined;
    }
    return undefined;
  },

  // Zoho's default lead statuses, read as the default lead status each means (docs/import.md).
  leadStatusAliases: {
    'not contacted': 'NEW',
    'attempted to contact': 'ATTEMPTED_TO_CONTACT',
    'contact in future': 'BAD_TIMING',
    contacted: 'CONNECTED',
    'pre qualified': 'IN_PROGRESS',
    'not qualified': 'UNQUALIFIED',
    'junk lead': 'UNQUALIFIED',
    'lost lead': 'UNQUALIFIED',
  },
};

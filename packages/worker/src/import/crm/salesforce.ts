import type { CrmFormat, ExportKind } from './crm-format.ts';

/**
 * Salesforce's exports of leads, contacts, accounts and opportunities, in both namings it writes:
 * a report's labels (`Lead ID`, `Created Date`, `Lead Status`, `Converted`, `Account ID`) and the
 * API names of Data Loader and Data Export (`Id`, `CreatedDate`, `Status`, `IsConverted`,
 * `ConvertedDate`, `AccountId`, `StageName`).
 */

const kinds = {
  lead: { objectType: 'contact', name: 'leads', leadObject: true },
  contact: { objectType: 'contact', name: 'contacts' },
  account: { objectType: 'company', name: 'accounts' },
  opportunity: { objectType: 'deal', name: 'opportunities' },
} as const satisfies Record<string, ExportKind>;

// Names only Salesforce writes: a report's labels beside a `<Object> ID`, API names beside `Id`.
const reportNames = [
  'created date', 'lead status', 'converted', 'converted date', 'company / account', 'lead owner', 'account owner',
  'opportunity owner', 'opportunity name', 'stage',
];
const apiNames = [
  'createddate', 'lastmodifieddate', 'systemmodstamp', 'isdeleted', 'ownerid', 'isconverted', 'converteddate',
  'stagename', 'accountid', 'firstname', 'lastname', 'leadsource',
];

export const salesforce: CrmFormat = {
  name: 'salesforce',

  signals(header) {
    // Zoho also writes "Lead Status" and "… Owner", but beside "Record Id" and "Created Time".
    if (header.has('record id', 'created time')) return 0;
    const report = header.has('lead id', 'contact id', 'account id', 'opportunity id') ? reportNames.filter((name) => header.has(name)).length : 0;
    const api = header.has('id') ? apiNames.filter((name) => header.has(name)).length : 0;
    return report + api;
  },

  kindOf(header) {
    if (header.has('opportunity id', 'stagename', 'opportunity name')) return kinds.opportunity;
    if (header.has('lead id', 'isconverted', 'converteddate', 'lead status', 'lead owner')) return kinds.lead;
    if (header.has('contact id', 'firstname', 'lastname', 'first name', 'last name')) return kinds.contact;
    if (header.has('account id', 'account name', 'name')) return kinds.account;
    return undefined;
  },

  kindFor(objectType) {
    return objectType === 'contact' ? kinds.contact : objectType === 'company' ? kinds.account : kinds.opportunity;
  },

  roleOf(name, kind) {
    const own = { leads: 'lead id', contacts: 'contact id', accounts: 'account id', opportunities: 'opportunity id' }[kind.name];
    if (name === 'id' || name === own) return { kind: 'id' };
    switch (name) {
      case 'created date':
      case 'createddate':
        return { kind: 'createdAt' };
      case 'lead status':
      case 'status':
        return kind.leadObject ? { kind: 'leadStatus' } : undefined;
      case 'converted':
      case 'isconverted':
        return kind.leadObject ? { kind: 'converted' } : undefined;
      case 'converted date':
      case 'converteddate':
        return kind.leadObject ? { kind: 'convertedDate' } : undefined;
      case 'stage':
      case 'stagename':
        return kind.objectType === 'deal' ? { kind: 'dealStage' } : undefined;
      case 'account id':
      case 'accountid':
        return kind.objectType === 'company' ? undefined : { kind: 'association', link: 'primaryCompany' };
      case 'contact id':
      case 'contactid':
        return kind.objectType === 'deal' ? { kind: 'association', link: 'contacts' } : undefined;
    }
    return undefined;
  },

  // Salesforce's default lead statuses, read as the default lead status each means (docs/import.md).
  leadStatusAliases: {
    'open not contacted': 'NEW',
    'working contacted': 'IN_PROGRESS',
    'closed converted': 'OPEN_DEAL',
    'closed not converted': 'UNQUALIFIED',
  },
};

import { standardStageIds, type StandardStageId } from '../../lifecycle/stages.ts';
import type { ColumnRole, CrmFormat, ExportKind, HeaderView } from './crm-format.ts';
import { normalizeLabel } from './option-labels.ts';

/**
 * HubSpot's exports of contacts, companies and deals ("Export" in a view, names as the export
 * writes them: `Record ID`, `Create Date`, `Lifecycle Stage`, `Lead Status`, `Became a … Date`,
 * `Associated Company IDs`, `Associated Company IDs (Primary)`, `Deal Stage`; docs/import.md).
 */

const kinds = {
  contact: { objectType: 'contact', name: 'contacts' },
  company: { objectType: 'company', name: 'companies' },
  deal: { objectType: 'deal', name: 'deals' },
} as const satisfies Record<string, ExportKind>;

// Names no other CRM's export writes (Zoho and Salesforce say "Created Time", "Created Date").
const signalNames = [
  'create date', 'lifecycle stage', 'last activity date', 'marketing contact status', 'contact owner', 'company owner',
  'deal owner', 'associated company ids', 'associated company ids (primary)', 'primary associated company id',
  'associated deal ids', 'associated contact ids', 'deal stage', 'company domain name', 'hs_object_id',
];

/** `Became a Marketing Qualified Lead Date`, `Became an Other Lifecycle Date`. */
const BECAME = /^became an? (.+?) (?:lifecycle )?date$/;

export const hubspot: CrmFormat = {
  name: 'hubspot',

  signals(header) {
    if (!header.has('record id', 'hs_object_id')) return 0;
    return signalNames.filter((name) => header.has(name)).length + (stageDateNames(header) > 0 ? 1 : 0);
  },

  kindOf(header) {
    if (header.has('deal name', 'deal stage', 'pipeline')) return kinds.deal;
    if (header.has('first name', 'last name', 'email', 'contact owner')) return kinds.contact;
    if (header.has('company name', 'company domain name', 'company owner')) return kinds.company;
    return undefined;
  },

  kindFor(objectType) {
    return kinds[objectType];
  },

  roleOf(name, kind) {
    switch (name) {
      case 'record id':
        return { kind: 'id' };
      case 'create date':
        return { kind: 'createdAt' };
      case 'lifecycle stage':
        return kind.objectType === 'deal' ? undefined : { kind: 'stage' };
      case 'lead status':
        return kind.objectType === 'deal' ? undefined : { kind: 'leadStatus' };
      case 'deal stage':
        return kind.objectType === 'deal' ? { kind: 'dealStage' } : undefined;
      case 'associated company ids':
        return kind.objectType === 'company' ? undefined : { kind: 'association', link: 'companies' };
      case 'associated company ids (primary)':
      case 'primary associated company id':
        return kind.objectType === 'company' ? undefined : { kind: 'association', link: 'primaryCompany' };
      case 'associated contact ids':
        return kind.objectType === 'contact' ? undefined : { kind: 'association', link: 'contacts' };
      case 'associated deal ids':
        return kind.objectType === 'deal' ? undefined : { kind: 'association', link: 'deals' };
    }
    const stage = kind.objectType === 'deal' ? undefined : stageOfDateColumn(name);
    return stage === undefined ? undefined : ({ kind: 'stageDate', stage } satisfies ColumnRole);
  },

  leadStatusAliases: {},
};

/** The default stage a `Became a … Date` column is of; custom stages have no such column (§3.5). */
function stageOfDateColumn(name: string): StandardStageId | undefined {
  const match = BECAME.exec(name);
  if (!match) return undefined;
  const label = normalizeLabel(match[1]!);
  return standardStageIds.find((id) => normalizeLabel(stageLabels[id]) === label);
}

const stageLabels: Record<StandardStageId, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  marketingqualifiedlead: 'Marketing Qualified Lead',
  salesqualifiedlead: 'Sales Qualified Lead',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
  other: 'Other',
};

function stageDateNames(header: HeaderView): number {
  return standardStageIds.filter((id) => header.has(`became ${/^[aeiou]/i.test(stageLabels[id]) ? 'an' : 'a'} ${stageLabels[id].toLowerCase()} date`)).length;
}

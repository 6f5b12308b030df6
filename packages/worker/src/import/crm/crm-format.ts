import type { StandardStageId } from '../../lifecycle/stages.ts';
import type { ObjectType } from '../../model/definition.ts';

/** The export formats the import knows; `auto` picks one by the header (docs/import.md). */
export const csvFormats = ['auto', 'hubspot', 'salesforce', 'zoho', 'generic'] as const;
export type CsvFormatOption = (typeof csvFormats)[number];
export type CsvFormat = Exclude<CsvFormatOption, 'auto'>;

/** What a column of a CRM export becomes, besides a property under its own name. */
export type ColumnRole =
  | { kind: 'id' }
  | { kind: 'createdAt' }
  | { kind: 'stage' }
  | { kind: 'leadStatus' }
  /** HubSpot's `Became a … Date`: when the record first reached the stage (lifecycle.md §3.5). */
  | { kind: 'stageDate'; stage: StandardStageId }
  /** Ids of associated records, `;`-separated; `primaryCompany` also lists the company. */
  | { kind: 'association'; link: 'companies' | 'primaryCompany' | 'contacts' | 'deals' }
  | { kind: 'dealStage' }
  /** A lead's conversion (Salesforce `IsConverted`, `Converted`); the column stays a property too. */
  | { kind: 'converted' }
  | { kind: 'convertedDate' };

/** The kind of records an export holds. */
export interface ExportKind {
  objectType: ObjectType;
  /** The CRM's own name for them, as the report shows it: `contacts`, `leads`, `opportunities`. */
  name: string;
  /**
   * Rows of a lead object (Salesforce and Zoho leads), which have no lifecycle stage column: each is
   * at stage `lead` from its creation, and a converted one at `salesqualifiedlead` from its conversion.
   */
  leadObject?: boolean;
}

/** A header as the formats look at it: names compared without case and surplus spaces. */
export interface HeaderView {
  has(...names: string[]): boolean;
  /** The cells of the first rows in the column of that name (empty when there is none). */
  sample(name: string): string[];
}

/** One CRM's export format: how to recognise it and what its columns mean. */
export interface CrmFormat {
  name: Exclude<CsvFormat, 'generic'>;
  /** How many of the header's names only this CRM writes; 0 when the header is not its. */
  signals(header: HeaderView): number;
  /** The kind of records the header shows, if it shows one. */
  kindOf(header: HeaderView): ExportKind | undefined;
  /** The kind of records of an object type, when the caller names it. */
  kindFor(objectType: ObjectType): ExportKind;
  /** The role of a column (by its normalized name) in an export of that kind. */
  roleOf(name: string, kind: ExportKind): ColumnRole | undefined;
  /** The CRM's own lead-status values, normalized, with the default lead status each stands for. */
  leadStatusAliases: Readonly<Record<string, string>>;
}

/** A header name as formats compare it: trimmed, lower case, runs of spaces as one. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Deal stages by their labels (HubSpot's default pipeline, and the closing stages every CRM has). */
export const dealStageIds: Readonly<Record<string, string>> = {
  'appointment scheduled': 'appointmentscheduled',
  'qualified to buy': 'qualifiedtobuy',
  'presentation scheduled': 'presentationscheduled',
  'decision maker bought in': 'decisionmakerboughtin',
  'contract sent': 'contractsent',
  'closed won': 'closedwon',
  'closed lost': 'closedlost',
};

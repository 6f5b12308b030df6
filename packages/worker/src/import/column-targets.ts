/** What a column can be mapped to by hand: a property (no mapping) or one of a record's parts. */
export const csvColumnTargets = [
  'property', 'createdAt', 'lifecyclestage', 'hs_lead_status',
  'associations.companies', 'associations.primaryCompany', 'associations.contacts', 'associations.deals',
] as const;
export type CsvColumnTarget = (typeof csvColumnTargets)[number];

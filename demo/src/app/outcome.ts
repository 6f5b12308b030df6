/**
 * The property that says whether a record converted (became a customer): set by the sample-data
 * generator and by the CSV import's outcome column, read by the reports (conversion rate per label).
 */
export const OUTCOME_PROPERTY = 'converted';

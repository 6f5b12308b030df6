/** Placeholder: the sample-data generator lands with the data screen. */
export async function ensureSampleData(): Promise<void> {}

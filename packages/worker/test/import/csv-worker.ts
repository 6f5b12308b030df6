// The worker half of import-in-worker.browser.test.ts: imports the CSV the page sends and answers
// with the result, or with why it threw.
import { importCsv, type CsvImportResult } from '../../src/import/csv.ts';

export type ImportReply = { result: CsvImportResult } | { error: string };

self.onmessage = (event: MessageEvent<string>) => {
  try {
    self.postMessage({ result: importCsv(event.data, { objectType: 'contact' }) } satisfies ImportReply);
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) } satisfies ImportReply);
  }
};

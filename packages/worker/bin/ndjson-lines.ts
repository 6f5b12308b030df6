/**
 * Which line of an NDJSON dataset each part of the assembled dataset came from, so a validation
 * problem at `records[12].createdAt` can name the line the user has to fix.
 */

/** The parts of a dataset that are lists, one item a line. */
export const listParts = ['records', 'events', 'lists', 'propertyHistory'] as const;
export type ListPart = (typeof listParts)[number];

export class DatasetLines {
  /** Line numbers by part and index: records[12] came from `items.records[12]`. */
  readonly items: Record<ListPart, number[]> = { records: [], events: [], lists: [], propertyHistory: [] };
  /** Line numbers of propertyTypes entries by their JSON path (`propertyTypes.contact.employees`). */
  readonly typePaths = new Map<string, number>();

  /** The line a dataset path points into, or undefined for the dataset as a whole. */
  lineOf(path: string): number | undefined {
    const item = /^(records|events|lists|propertyHistory)\[(\d+)\]/.exec(path);
    if (item) return this.items[item[1] as ListPart][Number(item[2])];
    // The deepest declared prefix: `propertyTypes.contact.employees`, else `propertyTypes.contact`.
    for (let prefix = path; prefix; prefix = prefix.replace(/(\.[^.[]*|\[[^[]*\])$/, '')) {
      const line = this.typePaths.get(prefix);
      if (line !== undefined) return line;
      if (!/(\.[^.[]*|\[[^[]*\])$/.test(prefix)) break;
    }
    return undefined;
  }
}

/**
 * Line numbers of offsets into a text, as an editor shows them: `\r\n`, a lone `\r` and a lone `\n`
 * each end a line. CSV problems must name the line a person finds in their editor, and a quoted
 * field may span several lines, so a row's number is not its line number.
 */
export class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /**
   * The 1-based line of `offset`. Offsets must not decrease from one call to the next: the counter
   * scans forward once, so numbering every row of a large file stays linear.
   */
  lineAt(offset: number): number {
    const { text } = this;
    for (let i = this.offset; i < offset && i < text.length; i += 1) {
      const char = text.charCodeAt(i);
      // A \r followed by \n is one break, counted at the \n.
      if (char === LF || (char === CR && text.charCodeAt(i + 1) !== LF)) this.line += 1;
    }
    this.offset = Math.max(this.offset, offset);
    return this.line;
  }
}

const LF = 10;
const CR = 13;

/** The line breaks a CSV file can use between rows. */
export type LineBreak = '\r\n' | '\n' | '\r';

/**
 * The line break a CSV text ends its rows with: the first one outside quotes. papaparse guesses
 * from every `\r` in the text, quoted ones too, so a CRLF file whose quoted cells hold lone `\r`s
 * (notes typed on old Macs, `\r=1`) was split at those and read wrong; a quoted field's own breaks
 * say nothing about the file's. A text without any break outside quotes is one row: any will do.
 */
export function lineBreakOf(text: string): LineBreak {
  // A quote opens a quoted field only at its start (after a delimiter, of any of the three), as
  // papaparse reads it; inside one, `""` is a quote and a lone `"` closes it.
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (quoted) {
      if (char === QUOTE && text.charCodeAt(i + 1) === QUOTE) i++;
      else if (char === QUOTE) quoted = false;
      continue;
    }
    if (char === LF) return '\n';
    if (char === CR) return text.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
    quoted = char === QUOTE && atFieldStart;
    atFieldStart = char === COMMA || char === SEMICOLON || char === TAB;
  }
  return '\n';
}

const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const TAB = 9;
const LF = 10;
const CR = 13;

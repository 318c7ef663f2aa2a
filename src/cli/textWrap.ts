// Breaking the command line's prose to the terminal's width (issue 21: every line of help, summary and
// report within 100 columns), in one place for --help, the project summary and --full, and bench's report.

/** The width every line of the CLI's output keeps to. */
export const COLUMNS = 100;

/** A number followed by its unit ("106 GB", "80 k tokens", "36.8 ms", "44.5 %") stays on one line. */
const NUMBER_THEN_UNIT =
  /(\d) (?=(?:[kMBT] )?(?:[kMGTPE]?(?:B|B\/s|FLOP|FLOP\/s)|[mµn]?s|%|tok\/s|tokens|GPUs?|streams)\b)/g;

/**
 * `text` broken between words into lines of at most `columns` characters: the first starts with `lead`
 * (the caller pads it as it wants the text to start), the rest with `indent` spaces. A word longer than a
 * line stays whole, and a number is never parted from its unit.
 */
export function wrapWords(lead: string, text: string, indent: number, columns = COLUMNS): string[] {
  const lines: string[] = [];
  let line = lead;
  let empty = true;
  const glued = text.replace(NUMBER_THEN_UNIT, '$1\uE000').replace(/(\d\uE000[kMBT]) /g, '$1\uE000');
  for (const word of glued.split(' ').map((w) => w.replaceAll('\uE000', ' '))) {
    if (!empty && line.length + 1 + word.length > columns) {
      lines.push(line.trimEnd());
      line = `${' '.repeat(indent)}${word}`;
    } else line += `${empty ? '' : ' '}${word}`;
    empty = false;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** A line longer than `columns` broken between words, its own indent kept, continuations `extra` deeper. */
export function fitLine(line: string, extra: number, columns = COLUMNS): string[] {
  if (line.length <= columns) return [line];
  const lead = /^ */.exec(line)?.[0] ?? '';
  return wrapWords(lead, line.slice(lead.length), lead.length + extra, columns);
}

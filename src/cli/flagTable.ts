// Reading a command line against a table of flags, shared by `ridgeline project` and `ridgeline bench`
// (and any command after them): `--name value`, `--name=value`, switches that take no value, `-h`. Each
// row says what its flag takes and how it applies; everything about the syntax is checked here, once,
// with one-line UsageErrors that name the flag. Flags that contradict each other are refused rather than
// resolved by order: a flag given twice with different values (`--batch 8 --batch 16`), and two flags that
// decide the same thing (`--quick --profile full`); the last one silently winning was issue 21's complaint.
import { clipForMessage } from '../model/text/plainText.ts';
import { wrapWords } from './textWrap.ts';
import { UsageError } from './usage.ts';

export interface FlagRow<State> {
  /** The flag without its dashes. */
  readonly name: string;
  /** What the value is called in --help ("N", "out.json"); null for a switch that takes no value. */
  readonly value: string | null;
  /** Reads `raw` (never empty; '' for a switch) into the state; throws a UsageError naming the flag. */
  apply(state: State, raw: string): void;
  /** May be given more than once (`--set a=1 --set b=2`); otherwise a second, different value is refused. */
  readonly repeatable?: boolean;
  /** What the flag decides ("the profile"): two flags deciding the same thing may not both be given. */
  readonly decides?: string;
  /** For a switch: words it may take as its value (`--help set`); any other next word is not its value. */
  readonly topics?: readonly string[];
}

export interface FlagCommand {
  /** The subcommand, for messages: "see ridgeline bench --help". */
  readonly command: string;
  /** The error for an argument that is no flag of the table (`arg` as typed, up to any '='). */
  unknown(arg: string): UsageError;
}

/** Applies every argument of `argv` to `state` through its row of `rows`; `-h` is the 'help' row. */
export function readFlags<State>(
  argv: readonly string[],
  rows: readonly FlagRow<State>[],
  state: State,
  { command, unknown }: FlagCommand,
): void {
  const byName = new Map(rows.map((row) => [row.name, row]));
  const see = `(see ridgeline ${command} --help)`;
  const given = new Map<string, string>();
  const decidedBy = new Map<string, string>();
  const once = (row: FlagRow<State>, raw: string) => {
    const flag = `--${row.name}`;
    const earlier = given.get(row.name);
    if (earlier !== undefined && earlier !== raw && !row.repeatable)
      throw new UsageError(
        `${flag} given twice ('${clipForMessage(earlier)}', then '${clipForMessage(raw)}'): give it once`,
      );
    given.set(row.name, raw);
    if (row.decides === undefined) return;
    const other = decidedBy.get(row.decides);
    if (other !== undefined && other !== row.name)
      throw new UsageError(`--${other} and ${flag} both choose ${row.decides}: give one of them`);
    decidedBy.set(row.decides, row.name);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const typed = eq < 0 ? arg : arg.slice(0, eq);
    const row =
      arg === '-h' ? byName.get('help') : typed.startsWith('--') ? byName.get(typed.slice(2)) : undefined;
    if (!row) throw unknown(typed);
    const flag = `--${row.name}`;
    if (row.value === null) {
      const topics = row.topics ?? [];
      let topic = '';
      if (eq >= 0) {
        topic = arg.slice(eq + 1);
        if (!topics.includes(topic))
          throw new UsageError(
            topics.length === 0
              ? `${flag} takes no value ${see}`
              : `${flag}=${clipForMessage(topic)}: expected ${topics.join(' or ')} ${see}`,
          );
      } else if (topics.includes(argv[i + 1] ?? '')) {
        topic = argv[i + 1] ?? '';
        i++;
      }
      once(row, topic);
      row.apply(state, topic);
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value ${see}`);
      raw = next;
      i++;
    }
    if (raw.trim() === '') throw new UsageError(`${flag} needs a value (it was empty)`);
    once(row, raw);
    row.apply(state, raw);
  }
}

/** `text` wrapped to COLUMNS: the first line after `lead`, the rest indented to `indent`. */
export function wrapHelp(lead: string, text: string, indent: number): string[] {
  return wrapWords(lead.length < indent ? lead.padEnd(indent) : `${lead} `, text, indent);
}

// Reading a command line against a table of flags, shared by `ridgeline project` and `ridgeline bench`
// (and any command after them): `--name value`, `--name=value`, switches that take no value, `-h`. Each
// row says what its flag takes and how it applies; everything about the syntax is checked here, once,
// with one-line UsageErrors that name the flag.
import { UsageError } from './usage.ts';

export interface FlagRow<State> {
  /** The flag without its dashes. */
  readonly name: string;
  /** What the value is called in --help ("N", "out.json"); null for a switch that takes no value. */
  readonly value: string | null;
  /** Reads `raw` (never empty; '' for a switch) into the state; throws a UsageError naming the flag. */
  apply(state: State, raw: string): void;
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
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const typed = eq < 0 ? arg : arg.slice(0, eq);
    const row =
      arg === '-h' ? byName.get('help') : typed.startsWith('--') ? byName.get(typed.slice(2)) : undefined;
    if (!row) throw unknown(typed);
    const flag = `--${row.name}`;
    if (row.value === null) {
      if (eq >= 0) throw new UsageError(`${flag} takes no value ${see}`);
      row.apply(state, '');
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
    row.apply(state, raw);
  }
}

// One number the engine shows, with everything the page needs to show the math behind it.

/**
 * - `theoretical`: a pure function of class (a) inputs (config, spec sheet, calendar) or the napkin
 *   assumptions (F31/F32), as the spec's §5 classifies them.
 * - `empirical`: depends on at least one measured or asserted class (b) input ("empirically anchored").
 * - `input`: the value is an input passed through (its default is the blog's number).
 */
export type FigureBasis = 'theoretical' | 'empirical' | 'input';

export interface Figure {
  /** golden id, e.g. `kv.max_users_80k` */
  readonly id: string;
  readonly label: string;
  /** SI value, never rounded */
  readonly value: number;
  /** SI unit, e.g. `B`, `s`, `tok/s`, `USD/Mtok`, `` for a ratio */
  readonly unit: string;
  /** spec formula id, e.g. `F23` */
  readonly formula: string;
  /** blog section, e.g. `4.10.1` */
  readonly section: string;
  readonly basis: FigureBasis;
  /** the named inputs this value was computed from, with their values */
  readonly inputs: Readonly<Record<string, number | string>>;
  /** what the blog prints, where that differs from the faithful value */
  readonly blogValue?: number;
  readonly note?: string;
}

export type FigureSpec = Omit<Figure, 'value' | 'inputs'>;

/** Attach a value and its inputs to a static description. */
export function figure(spec: FigureSpec, value: number, inputs: Record<string, number | string>): Figure {
  return { ...spec, value, inputs };
}

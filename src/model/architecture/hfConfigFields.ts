// Reading the fields of a Hugging Face config.json: a stranger's file, so every value is read as the type
// and range it must have, by its own name, and anything else is an error that names the field (with its
// text_config. prefix when the model sits inside a multimodal wrapper). Only own properties are read:
// a "__proto__" key in the JSON is just another unknown key.
import { clipForMessage } from '../text/plainText.ts';
import type { Bound } from '../units/ranges.ts';

/** A config.json that cannot be read as a model: the message names the field and what it must be. */
export class HfConfigError extends Error {
  constructor(
    /** what is wrong, without the file's name (a caller that names the file itself uses this) */
    readonly detail: string,
  ) {
    super(`config.json: ${detail}`);
    this.name = 'HfConfigError';
  }
}

type Json = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const count = (value: number): string => value.toLocaleString('en-US');

/** "an integer from 1 to 1,048,576" */
function integerText(bound: Bound): string {
  return `an integer from ${count(bound.min)} to ${count(bound.max)}`;
}

/** A value quoted back: numbers as written, anything else by its JSON type. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${clipForMessage(value)}'`;
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}

/** The fields of one JSON object (the config, or its text_config), read by name. */
export class ConfigFields {
  constructor(
    private readonly json: Json,
    /** '' at the top level, 'text_config.' inside it: how messages name a field */
    readonly prefix: string,
  ) {}

  name(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** The raw value; null and absent read alike (transformers writes null for "not set"). */
  raw(key: string): unknown {
    return Object.hasOwn(this.json, key) ? (this.json[key] ?? undefined) : undefined;
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  missing(key: string, why: string): HfConfigError {
    return new HfConfigError(`${this.name(key)} is missing (${why})`);
  }

  /** An integer within `bound`; `fallback` when absent, else an error saying why it is needed. */
  int(key: string, bound: Bound, fallback?: number | (() => number), why = 'needed'): number {
    const value = this.raw(key);
    if (value === undefined) {
      if (fallback === undefined) throw this.missing(key, why);
      return typeof fallback === 'function' ? fallback() : fallback;
    }
    return this.checkInt(key, value, bound);
  }

  checkInt(key: string, value: unknown, bound: Bound): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < bound.min || value > bound.max) {
      throw new HfConfigError(`${this.name(key)} = ${shown(value)}: expected ${integerText(bound)}`);
    }
    return value;
  }

  /** An integer, or null when the config sets it to null or leaves it out. */
  optionalInt(key: string, bound: Bound): number | null {
    const value = this.raw(key);
    return value === undefined ? null : this.checkInt(key, value, bound);
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean')
      throw new HfConfigError(`${this.name(key)} = ${shown(value)}: expected true or false`);
    return value;
  }

  string(key: string): string | null {
    const value = this.raw(key);
    if (value === undefined) return null;
    if (typeof value !== 'string')
      throw new HfConfigError(`${this.name(key)} = ${shown(value)}: expected a string`);
    return value;
  }

  /** A list of at most `maxLength` entries, each checked by `entry` (which names its index). */
  list<T>(key: string, maxLength: number, entry: (value: unknown, name: string) => T): T[] | null {
    const value = this.raw(key);
    if (value === undefined) return null;
    if (!Array.isArray(value))
      throw new HfConfigError(`${this.name(key)} = ${shown(value)}: expected a list`);
    if (value.length > maxLength) {
      throw new HfConfigError(
        `${this.name(key)} has ${count(value.length)} entries: at most ${count(maxLength)}`,
      );
    }
    return value.map((item, i) => entry(item, `${this.name(key)}[${i}]`));
  }

  /** A nested object (text_config, quantization_config), or null. */
  object(key: string): Json | null {
    const value = this.raw(key);
    if (value === undefined) return null;
    if (!isJsonObject(value))
      throw new HfConfigError(`${this.name(key)} = ${shown(value)}: expected an object`);
    return value;
  }
}

/** An integer list entry within `bound`, named by its index in messages. */
export function intEntry(bound: Bound) {
  return (value: unknown, name: string): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < bound.min || value > bound.max)
      throw new HfConfigError(`${name} = ${shown(value)}: expected ${integerText(bound)}`);
    return value;
  };
}

/** A string list entry from `allowed`, named by its index in messages. */
export function oneOfEntry<T extends string>(allowed: readonly T[]) {
  return (value: unknown, name: string): T => {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
      throw new HfConfigError(`${name} = ${shown(value)}: expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

export { count as countText };

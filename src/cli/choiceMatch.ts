// Reading a preset's name as people type it: `H100-SXM`, `h100`, `kimi`. A name is matched case-insensitively;
// a prefix is accepted when it names one preset, or when every preset it could name extends the shortest
// of them (kimi → kimi-k2.6, not kimi-k2.6-config; b200 stays b200, not b200-hgx). Anything else is refused
// with the nearest names ("did you mean h200, h100-sxm?"), never silently taken as some other preset.
import { clipForMessage } from '../model/text/plainText.ts';
import { UsageError } from './usage.ts';

/** Edit distance (insertions, deletions, substitutions), for the suggestions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The allowed names nearest to `typed`, at most three: those within a third of its length in edits, of the
 * whole name or of its start as long as `typed` ("h10o" → h100-sxm), closest first.
 */
export function nearestNames(typed: string, allowed: readonly string[]): string[] {
  const lower = typed.toLowerCase();
  const limit = Math.max(1, Math.floor(lower.length / 3));
  return allowed
    .map((name) => {
      const n = name.toLowerCase();
      return {
        name,
        distance: Math.min(editDistance(lower, n), editDistance(lower, n.slice(0, lower.length))),
      };
    })
    .filter((c) => c.distance <= limit)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((c) => c.name);
}

/**
 * The one allowed name `typed` means (see the file's header), or a UsageError naming `flag`. `aliases`:
 * short names that mean one preset although several start with them (h100 → h100-sxm beside h100-pcie).
 */
export function matchChoice<T extends string>(
  flag: string,
  typed: string,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): T {
  const lower = typed.trim().toLowerCase();
  const exact = allowed.find((name) => name.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const alias = Object.hasOwn(aliases, lower) ? aliases[lower] : undefined;
  if (alias !== undefined && allowed.includes(alias)) return alias;
  const extending = lower === '' ? [] : allowed.filter((name) => name.toLowerCase().startsWith(lower));
  const [shortest] = [...extending].sort((a, b) => a.length - b.length);
  if (
    shortest !== undefined &&
    extending.every((name) => name.toLowerCase().startsWith(shortest.toLowerCase()))
  )
    return shortest;
  const shown = clipForMessage(typed);
  if (extending.length > 1)
    throw new UsageError(`${flag} '${shown}' could be ${extending.join(', ')}: give more of the name`);
  const near = nearestNames(typed, allowed);
  const suggestion = near.length > 0 ? `did you mean ${near.join(', ')}? ` : '';
  throw new UsageError(`${flag} '${shown}': ${suggestion}allowed are ${allowed.join(', ')}`);
}

// The only WGSL text manipulation in ridgeline (architecture convention 3: WGSL stays WGSL; where a type must
// vary, one typed function generates the text). Shader files are valid WGSL for f32; `specialiseElement` swaps
// the one `alias Elem = f32;` line for f16 and enables the extension. `composeWgsl` links a kernel with a
// library file (the two reductions) and hoists `enable` directives, which WGSL requires before declarations.
// `specialiseSubgroupMatrix` writes an adapter's subgroup-matrix configuration into the matrix GEMM (its
// matrix types take only const-expressions, so overrides cannot carry it).

/** Shader file texts keyed by file name ('gemv.wgsl'), as loaded by gpu/shaders.node.ts or bench/shaders.vite.ts. */
export type ShaderSources = Readonly<Record<string, string>>;

export type ElementType = 'f32' | 'f16';

const ELEM_ALIAS = /^alias Elem = f32;$/m;

/** The text of one shader file, or a clear error naming the missing file. */
export function shaderFile(sources: ShaderSources, fileName: string): string {
  const text = sources[fileName];
  if (text === undefined) {
    const known = Object.keys(sources).sort().join(', ') || 'none';
    throw new Error(`shader file ${fileName} was not loaded (loaded: ${known})`);
  }
  return text;
}

/** Returns `source` with its element type set to `elem` (f16 adds `enable f16;`). */
export function specialiseElement(source: string, elem: ElementType): string {
  const matches = source.match(new RegExp(ELEM_ALIAS.source, 'gm')) ?? [];
  if (matches.length !== 1) {
    throw new Error(`shader must declare exactly one 'alias Elem = f32;' line (found ${matches.length})`);
  }
  if (elem === 'f32') return source;
  return `enable f16;\n${source.replace(ELEM_ALIAS, 'alias Elem = f16;')}`;
}

/** Concatenates WGSL parts, moving every `enable …;` directive (deduplicated) to the top. */
export function composeWgsl(parts: readonly string[]): string {
  const enables = new Set<string>();
  const bodies = parts.map((part) =>
    part
      .split('\n')
      .filter((line) => {
        const directive = /^\s*enable\s+[\w\s,]+;\s*$/.test(line);
        if (directive) enables.add(line.trim());
        return !directive;
      })
      .join('\n'),
  );
  return [...enables, ...bodies].join('\n');
}

/** A subgroup-matrix shape and result type, as a configuration of `adapter.info.subgroupMatrixConfigs`. */
export interface MatrixShape {
  readonly M: number;
  readonly N: number;
  readonly K: number;
  readonly result: ElementType;
}

const MATRIX_DECLARATIONS = [
  /^const SM_M = \d+u;$/m,
  /^const SM_N = \d+u;$/m,
  /^const SM_K = \d+u;$/m,
  /^alias Result = f(?:16|32);$/m,
] as const;

/** `source` with its SM_M, SM_N, SM_K and Result declarations set to `shape` (each must appear once). */
export function specialiseSubgroupMatrix(source: string, shape: MatrixShape): string {
  for (const [name, value] of [
    ['M', shape.M],
    ['N', shape.N],
    ['K', shape.K],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 64) {
      throw new Error(`subgroup matrix ${name} must be an integer from 1 to 64 (got ${value})`);
    }
  }
  const lines = [
    `const SM_M = ${shape.M}u;`,
    `const SM_N = ${shape.N}u;`,
    `const SM_K = ${shape.K}u;`,
    `alias Result = ${shape.result};`,
  ];
  return MATRIX_DECLARATIONS.reduce((text, pattern, i) => {
    const found = text.match(new RegExp(pattern.source, 'gm')) ?? [];
    if (found.length !== 1) {
      throw new Error(
        `shader must declare ${pattern.source.slice(1, -1)} exactly once (found ${found.length})`,
      );
    }
    return text.replace(pattern, lines[i]!);
  }, source);
}

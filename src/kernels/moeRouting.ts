// Seeded top-k routing of B tokens over E experts, and the expected number of experts a batch touches.
import { createRng } from './rng.ts';

export interface Routing {
  /** experts[token · k + slot]. */
  readonly experts: Uint32Array;
  /** Touched expert ids, ascending. */
  readonly touched: Uint32Array;
  /** For touched expert u, its assignments (token · k + slot) are assignmentIds[offsets[u] .. offsets[u+1]). */
  readonly offsets: Uint32Array;
  readonly assignmentIds: Uint32Array;
}

/** Each token picks k distinct experts uniformly at random (a partial Fisher–Yates shuffle per token). */
export function routeTokens(tokens: number, experts: number, topK: number, seed: number): Routing {
  if (topK > experts) throw new Error(`moe-gemv: top-k (${topK}) exceeds the number of experts (${experts})`);
  const next = createRng(seed);
  const chosen = new Uint32Array(tokens * topK);
  const pool = new Uint32Array(experts);
  for (let t = 0; t < tokens; t++) {
    for (let e = 0; e < experts; e++) pool[e] = e;
    for (let s = 0; s < topK; s++) {
      const j = s + (next() % (experts - s));
      const picked = pool[j]!;
      pool[j] = pool[s]!;
      pool[s] = picked;
      chosen[t * topK + s] = picked;
    }
  }
  const byExpert = new Map<number, number[]>();
  chosen.forEach((expert, assignment) => {
    const list = byExpert.get(expert) ?? [];
    list.push(assignment);
    byExpert.set(expert, list);
  });
  const touched = Uint32Array.from([...byExpert.keys()].sort((a, b) => a - b));
  const offsets = new Uint32Array(touched.length + 1);
  const assignmentIds = new Uint32Array(chosen.length);
  let cursor = 0;
  touched.forEach((expert, u) => {
    offsets[u] = cursor;
    for (const a of byExpert.get(expert)!) assignmentIds[cursor++] = a;
  });
  offsets[touched.length] = cursor;
  return { experts: chosen, touched, offsets, assignmentIds };
}

/** E·(1 − (1 − k/E)^B): the expected number of distinct experts B tokens touch (the blog's MoE batching). */
export function expectedTouchedExperts(experts: number, topK: number, tokens: number): number {
  return experts * (1 - (1 - topK / experts) ** tokens);
}

/**
 * The experts rotation set `set` routes to: the same routing relabelled onto other experts. Set 0 keeps the
 * seeded choice; set s gives touched expert u the id order[s·U + u], where `order` lists the touched experts
 * first and the rest after, ascending. Sets are disjoint while (s + 1)·U ≤ E, so each dispatch of a rotation
 * reads experts the previous ones did not (a relabelling changes no count: U, offsets and tokens stay).
 */
export function relabelledExperts(routing: Routing, experts: number, set: number): Uint32Array {
  const touched = routing.touched;
  if ((set + 1) * touched.length > experts) {
    throw new Error(`moe-gemv: set ${set} of ${touched.length} experts exceeds the ${experts} experts`);
  }
  if (set === 0) return touched;
  const isTouched = new Uint8Array(experts);
  for (const e of touched) isTouched[e] = 1;
  const order = [...touched];
  for (let e = 0; e < experts; e++) if (!isTouched[e]) order.push(e);
  return Uint32Array.from(order.slice(set * touched.length, (set + 1) * touched.length));
}

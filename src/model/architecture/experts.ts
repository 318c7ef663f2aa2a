/**
 * Expected number of distinct routed experts a layer reads for a batch of B tokens, each picking k of E
 * experts uniformly and independently (spec F26): a given expert is missed by one token with probability
 * C(E−1,k)/C(E,k) = (E−k)/E, so E(unique) = E · (1 − (1 − k/E)^B). It is ≤ min(E, B·k) and → E as B grows.
 * B may be fractional (an average batch). E = 0 (a dense model) gives 0.
 */
export function expectedUniqueExperts(routedExperts: number, expertsPerToken: number, batch: number): number {
  if (routedExperts === 0) return 0;
  return routedExperts * (1 - (1 - expertsPerToken / routedExperts) ** batch);
}

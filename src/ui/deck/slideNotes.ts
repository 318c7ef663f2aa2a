// The speaker notes, slide by slide: the presenter view (presenter.ts) shows them. Apart from slides.ts
// so the page, which only needs the slide order to open a deck link, does not load them.

export const SLIDE_NOTES: Readonly<Record<string, readonly string[]>> = {
  title: [
    'The blog works from a 1-trillion-parameter model on one 8×B200 node to a monthly bill. Every number on these slides is computed live in this browser tab, from the blog’s own inputs.',
    'Press P to open this presenter view in a second window; → and ← move, Esc leaves.',
  ],
  load: [
    'Weights are parameters times bytes per parameter: 1 T × 0.5 B at FP4 is 500 GB, three B200s just to hold them.',
    'What is left of the node after weights and activations is the KV budget: it decides how many users fit.',
  ],
  decode: [
    'Each token reads the 32 B active parameters once: 16 GB at FP4. Divide the node’s effective bandwidth by that and you get the ceiling, 3,125 tokens per second at batch 1.',
    'Real systems reach 10–12 % of it at batch 1 (MBU): 312–375 tok/s.',
  ],
  roofline: [
    'x is FLOP per byte moved, y is FLOP per second. The slope is the bandwidth roof, the flat line the compute roof; they meet at the ridge, 1,250 FLOP/B for the B200.',
    'Decode at batch 1 does about 3–4 FLOP per byte: memory-bound, the tensor cores mostly idle. → moves the batch up; the point climbs the slope.',
    'It stalls: weights are shared by the batch, the KV cache is not. At 80K context intensity creeps to about 22 FLOP/B, and the KV budget holds 340 streams.',
  ],
  measure: [
    'Press Run: the quick profile streams memory and runs FMA, GEMV and GEMM kernels on this machine’s GPU through WebGPU, in about half a minute.',
    'Its roofline lands beside the B200: the same shape, a few orders of magnitude lower. On a CPU fallback adapter the page says so.',
  ],
  room: [
    'Everyone: scan the code or type the address, press “Measure and send”. Your phone or laptop runs the same kernels in its browser and lands here, by class, beside the B200.',
    'Read the fastest and the median out loud; the histogram shows how far apart the room is, and how far below the B200’s 8 TB/s every device sits.',
  ],
  prefill: [
    'Prefill processes the whole prompt at once: thousands of tokens per read of the weights, right of the ridge. The theoretical rate is 1.25 M tok/s; the blog measured 78,000 (6.2 % MFU).',
    'Concurrent prefills share that rate: TTFT grows with the number of requests arriving together.',
  ],
  kv: [
    'MLA keeps 576 values per token per layer: 35 kB per token. At 80K tokens that is 2.8 GB per user, and the 956 GB budget holds 340 users.',
    'Halve the context and twice as many fit: the cliff moves.',
  ],
  batching: [
    'Per-stream speed falls as B grows, aggregate throughput rises then flattens; past the KV capacity it falls off a cliff.',
    'Pick the largest B that still meets the per-stream SLA.',
  ],
  fleet: [
    'Size the self-hosted fleet to the traffic trough, so it is always busy; send what exceeds it to the API.',
    'The bill: self-host plus spill-over against paying the API for everything.',
  ],
  punchline: [
    'The saving is real but modest, and it rests on a handful of measured numbers: the TP4 replica’s throughput, the GPU-hour price, the API price and the traffic tiers.',
    'Change any of them in the explorer: the whole chain, and this number, follows.',
  ],
};

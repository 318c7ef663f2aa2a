// The decision figures of `ridgeline project`, from model/story.ts: the same lines the deck and the
// explorer show (the blog's napkin, ridgeline's model, measured, and why they part), so the CLI's summary
// never tells a different story. Issue 21 owns the rest of the summary's layout.
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { decisionStory, type SimulatedTtft, storySummary, storyValue } from '../../model/story.ts';

/** `load`: the --load simulation, whose TTFT under load the story then tells. */
export function storyLines(
  result: ScenarioResult,
  inputs: ScenarioInputs,
  load: SimulatedTtft | null = null,
): string[] {
  const story = decisionStory(result, inputs, load);
  return [
    "THE DECISION FIGURES (ridgeline's model, the blog's napkin, measured; model/story.ts)",
    `  verdict: ${story.verdict.headline}${story.verdict.napkinLine ? ` Beside it, ${story.verdict.napkinLine}.` : ''}`,
    ...story.lines.flatMap((line) => [`  ${line.quantity}: ${storySummary(line)}`, `    why: ${line.why}`]),
    '',
  ];
}

/**
 * What was measured on this scenario, by who measured it, for the summary beside the model's and the
 * napkin's table ("the blog's load test: time to first token at B=16 = 1.57 s; …"); null where nothing was.
 * The same lines as the deck's and the explorer's, so the summary names all three sources (issue 23).
 */
export function measuredText(
  result: ScenarioResult,
  inputs: ScenarioInputs,
  load: SimulatedTtft | null = null,
): string | null {
  const bySource = new Map<string, string[]>();
  for (const line of decisionStory(result, inputs, load).lines) {
    if (line.measured === null) continue;
    // "the blog’s load test: 36.8 ms per pass" → "the blog’s load test"; the detail is --full's
    const source = line.measured.source.split(':')[0] ?? line.measured.source;
    const parts = bySource.get(source) ?? [];
    parts.push(`${line.quantity} = ${storyValue(line.measured.value, line.unit)}`);
    bySource.set(source, parts);
  }
  if (bySource.size === 0) return null;
  const said = [...bySource].map(([source, parts]) => `${source}: ${parts.join('; ')}`).join('. ');
  // the summary writes its apostrophes straight, as its other lines do
  return `${said} (--full: why each parts from the model)`.replaceAll('’', "'");
}

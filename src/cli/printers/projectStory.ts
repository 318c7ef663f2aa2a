// The decision figures of `ridgeline project`, from model/story.ts: the same lines the deck and the
// explorer show (the blog's napkin, ridgeline's model, measured, and why they part), so the CLI's summary
// never tells a different story. Issue 21 owns the rest of the summary's layout.
import type { ScenarioResult } from '../../model/evaluate.ts';
import type { ScenarioInputs } from '../../model/scenario/inputs.ts';
import { decisionStory, type SimulatedTtft, storySummary } from '../../model/story.ts';

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

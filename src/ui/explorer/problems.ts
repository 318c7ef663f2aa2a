// Impossible or suspicious combinations explained where they matter: beside the inputs, beside the knob
// they name (TP above the GPU count), and at the top of the chapter they break (a model that does not fit).
import type { ChapterId } from './chapters.ts';
import type { Evaluation } from './evaluation.ts';

/** Which knob a problem line is about, by the names the engine uses in its messages. */
const knobMentions: readonly (readonly [RegExp, string])[] = [
  [/\btp\b|tensorParallel|gpusPerReplica/, 'tp'],
  [/gpusPerNode|GPUs per node/, 'gpus'],
  [/\bbatch\b/, 'batch'],
  [/\bcontext\b|kvContextTokens/, 'context'],
];

function chapterOf(problem: string): ChapterId {
  if (/does not fit|VRAM|weights/.test(problem)) return 'load';
  if (/tp\b|tensorParallel|replica/.test(problem)) return 'fleet';
  if (/batch|fixedOverhead|perSlot|pass/.test(problem)) return 'batching';
  return 'load';
}

function list(el: HTMLElement, lines: readonly string[], title: string): void {
  el.hidden = lines.length === 0;
  el.replaceChildren();
  if (lines.length === 0) return;
  const heading = document.createElement('strong');
  heading.textContent = title;
  const ul = document.createElement('ul');
  for (const line of lines) {
    const li = document.createElement('li');
    li.textContent = line;
    ul.append(li);
  }
  el.append(heading, ul);
}

export function renderProblems(root: HTMLElement, evaluation: Evaluation): void {
  const all = [...evaluation.problems, ...evaluation.droppedSets];
  const panel = root.querySelector<HTMLElement>('.scenario-problems');
  if (panel) {
    list(
      panel,
      [...all, ...evaluation.notes.map((n) => `Assumed: ${n}`)],
      all.length ? 'This scenario has problems' : 'Assumptions',
    );
    panel.classList.toggle('has-problems', all.length > 0);
  }
  const refusal = evaluation.refusal;
  const refusalLine = refusal?.line ?? null;
  for (const el of root.querySelectorAll<HTMLElement>('.knob-problem')) {
    const key = el.dataset['problemFor'] ?? '';
    const mentions = evaluation.problems.filter((p) =>
      knobMentions.some(([re, knob]) => knob === key && re.test(p)),
    );
    // the input the refusal blames gets its line, in the CLI's words, whatever the regular expressions say
    const lines =
      refusal?.knob === key && refusalLine !== null && !mentions.includes(refusalLine)
        ? [refusalLine, ...mentions]
        : mentions;
    el.hidden = lines.length === 0;
    el.textContent = lines.join(' ');
    el.closest('label')
      ?.querySelector('input[type="number"], select')
      ?.setAttribute('aria-invalid', String(lines.length > 0));
  }
  const byChapter = new Map<ChapterId, string[]>();
  for (const problem of all)
    byChapter.set(chapterOf(problem), [...(byChapter.get(chapterOf(problem)) ?? []), problem]);
  for (const el of root.querySelectorAll<HTMLElement>('.chapter-problems')) {
    const chapter = el.closest<HTMLElement>('[data-chapter]')?.dataset['chapter'] as ChapterId | undefined;
    const lines = chapter ? (byChapter.get(chapter) ?? []) : [];
    list(
      el,
      evaluation.error ? [evaluation.error, ...lines.filter((l) => !evaluation.error?.includes(l))] : lines,
      'In this scenario',
    );
  }
}

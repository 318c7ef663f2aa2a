// Presentation mode: one chapter at a time in large type, ←/→/space to move, Esc to leave, the chapter in
// the URL hash. It only toggles classes on panels that are already rendered, so it needs no network and
// works from the static build.
import { h } from '../dom.ts';
import { CHAPTERS, type ChapterId } from './chapters.ts';
import { actionForKey, chapterFromHash, hashForChapter, moveChapter } from './presentNav.ts';

export interface Presenter {
  open(chapter?: ChapterId): void;
  close(): void;
  readonly current: ChapterId | null;
  dispose(): void;
}

export function createPresenter(
  root: HTMLElement,
  onChapter: (chapter: ChapterId | null) => void,
): Presenter {
  let current: ChapterId | null = null;
  const nav = (action: string, label: string, text: string) =>
    h('button', { type: 'button', 'data-nav': action, 'aria-label': label }, text);
  const title = h('span', { class: 'present-title', 'aria-live': 'polite' });
  const bar = h(
    'div',
    { class: 'present-bar', role: 'navigation' },
    nav('previous', 'Previous chapter', '←'),
    title,
    nav('next', 'Next chapter', '→'),
    nav('exit', 'Leave presentation', 'Esc'),
  );
  root.append(bar);

  const show = (chapter: ChapterId): void => {
    current = chapter;
    root.classList.add('presenting');
    document.documentElement.classList.add('explorer-presenting');
    for (const panel of root.querySelectorAll<HTMLElement>('[data-chapter]')) {
      panel.classList.toggle('present-current', panel.dataset['chapter'] === chapter);
    }
    const index = CHAPTERS.findIndex((c) => c.id === chapter);
    title.textContent = `${index + 1} / ${CHAPTERS.length} · ${CHAPTERS[index]?.title ?? ''}`;
    root.dataset['presentChapter'] = chapter;
    if (location.hash !== hashForChapter(chapter)) history.replaceState(null, '', hashForChapter(chapter));
    root.scrollTo(0, 0);
    onChapter(chapter);
  };

  const close = (): void => {
    if (current === null) return;
    current = null;
    root.classList.remove('presenting');
    document.documentElement.classList.remove('explorer-presenting');
    delete root.dataset['presentChapter'];
    for (const panel of root.querySelectorAll<HTMLElement>('.present-current'))
      panel.classList.remove('present-current');
    if (chapterFromHash(location.hash))
      history.replaceState(null, '', `${location.pathname}${location.search}`);
    onChapter(null);
  };

  const onKey = (event: KeyboardEvent): void => {
    if (current === null) return;
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) && event.key !== 'Escape') return;
    const action = actionForKey(event.key, event.shiftKey);
    if (action === null) return;
    event.preventDefault();
    if (action === 'exit') close();
    else show(moveChapter(current, action));
  };
  const onClick = (event: MouseEvent): void => {
    const nav = (event.target as HTMLElement).closest<HTMLElement>('[data-nav]')?.dataset['nav'];
    if (!nav || current === null) return;
    if (nav === 'exit') close();
    else if (nav === 'next' || nav === 'previous') show(moveChapter(current, nav));
  };
  const onHash = (): void => {
    const chapter = chapterFromHash(location.hash);
    if (chapter && chapter !== current) show(chapter);
  };
  window.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', onHash);
  bar.addEventListener('click', onClick);

  return {
    open: (chapter) => show(chapter ?? chapterFromHash(location.hash) ?? 'load'),
    close,
    get current() {
      return current;
    },
    dispose(): void {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('hashchange', onHash);
      bar.remove();
    },
  };
}

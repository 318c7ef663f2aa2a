// Presentation-mode navigation, pure: which chapter a key moves to, and the chapter in the URL hash
// (`#present=batching`), so a speaker can share or reload a slide.
import { CHAPTER_IDS, type ChapterId, isChapterId } from './chapters.ts';

export type NavAction = 'next' | 'previous' | 'first' | 'last' | 'exit' | null;

export function actionForKey(key: string, shiftKey: boolean): NavAction {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case ' ':
    case 'Spacebar':
      return shiftKey ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** The chapter after applying `action`; stays put at either end. */
export function moveChapter(current: ChapterId, action: Exclude<NavAction, 'exit' | null>): ChapterId {
  const index = CHAPTER_IDS.indexOf(current);
  const last = CHAPTER_IDS.length - 1;
  const next =
    action === 'next'
      ? Math.min(last, index + 1)
      : action === 'previous'
        ? Math.max(0, index - 1)
        : action === 'first'
          ? 0
          : last;
  return CHAPTER_IDS[next] ?? current;
}

const hashPrefix = '#present=';

export function chapterFromHash(hash: string): ChapterId | null {
  if (!hash.startsWith(hashPrefix)) return null;
  const id = decodeURIComponent(hash.slice(hashPrefix.length));
  return isChapterId(id) ? id : null;
}

export function hashForChapter(chapter: ChapterId): string {
  return `${hashPrefix}${chapter}`;
}

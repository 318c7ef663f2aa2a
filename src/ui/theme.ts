// Light/dark theme: follows prefers-color-scheme until the toggle pins one (kept in localStorage).
// Charts listen for 'ridgeline:theme' to re-resolve their colours (they inline them for SVG/PNG export).
import { h } from './dom.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'ridgeline:theme';
const order: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const labels: Readonly<Record<ThemeChoice, string>> = {
  system: 'Theme: system',
  light: 'Theme: light',
  dark: 'Theme: dark',
};

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function apply(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = choice;
  window.dispatchEvent(new CustomEvent('ridgeline:theme', { detail: { choice } }));
}

/** Applies the stored theme and returns the toggle button for the header. */
export function themeToggle(): HTMLButtonElement {
  let choice = stored();
  apply(choice);
  const button = h(
    'button',
    { type: 'button', class: 'theme-toggle', 'aria-live': 'polite' },
    labels[choice],
  );
  button.addEventListener('click', () => {
    choice = order[(order.indexOf(choice) + 1) % order.length] ?? 'system';
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // storage blocked (private mode): the choice lasts for this page only
    }
    button.textContent = labels[choice];
    apply(choice);
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (choice === 'system') apply(choice);
  });
  return button;
}

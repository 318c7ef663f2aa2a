// The presenter view: a second window (the page at #presenter) that shows the speaker notes of the slide
// on screen, the next slide's title, a timer and ←/→, kept in step with the deck over a BroadcastChannel
// in both directions. It mounts alone: the measurement page and the explorer do not load here.
import './deck.css';
import { h } from '../dom.ts';
import { SLIDE_NOTES } from './slideNotes.ts';
import { clockText, DECK_CHANNEL, type DeckMessage, parseDeckMessage, SLIDES } from './slides.ts';

export function mountPresenter(body: HTMLElement): void {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(DECK_CHANNEL) : null;
  const current = h(
    'h1',
    { class: 'presenter-current', 'data-field': 'presenter-current' },
    'Waiting for the deck…',
  );
  const position = h('p', { class: 'presenter-position', 'data-field': 'presenter-position' });
  const notes = h('div', {
    class: 'presenter-notes',
    'data-field': 'presenter-notes',
    'aria-live': 'polite',
  });
  const next = h('p', { class: 'presenter-next', 'data-field': 'presenter-next' });
  const timer = h('p', { class: 'presenter-timer', 'data-field': 'presenter-timer' }, '0:00');
  const button = (action: 'previous' | 'next', text: string) => {
    const b = h('button', { type: 'button', 'data-command': action }, text);
    b.addEventListener('click', () => send(action));
    return b;
  };
  const send = (action: 'previous' | 'next' | 'first' | 'last') => {
    const message: DeckMessage = { type: 'command', action };
    channel?.postMessage(message);
  };
  body.replaceChildren(
    h(
      'main',
      { class: 'presenter', 'aria-label': 'presenter view' },
      h(
        'header',
        { class: 'presenter-bar' },
        position,
        timer,
        button('previous', '← Previous'),
        button('next', 'Next →'),
      ),
      current,
      notes,
      next,
      channel
        ? h(
            'p',
            { class: 'presenter-hint' },
            'Notes quote the blog’s scenario; the slides show the live numbers. ← → here move the deck too.',
          )
        : h(
            'p',
            { class: 'notice error' },
            'This browser has no BroadcastChannel: the presenter view cannot follow the deck.',
          ),
    ),
  );
  document.title = 'ridgeline — presenter view';
  let startedAt = Date.now();
  const tick = () => {
    timer.textContent = clockText((Date.now() - startedAt) / 1000);
  };
  setInterval(tick, 1000);
  channel?.addEventListener('message', (event) => {
    const message = parseDeckMessage(event.data);
    if (message?.type !== 'state') return;
    const spec = SLIDES[message.slide];
    if (!spec) return;
    startedAt = message.startedAt;
    tick();
    current.textContent = spec.title;
    current.dataset['slide'] = spec.id;
    position.textContent = `Slide ${message.slide + 1} of ${SLIDES.length}${spec.steps ? ` · step ${message.step + 1} of ${spec.steps + 1}` : ''}`;
    notes.replaceChildren(...(SLIDE_NOTES[spec.id] ?? []).map((line) => h('p', {}, line)));
    const following = SLIDES[message.slide + 1];
    next.textContent = following ? `Next: ${following.title}` : 'Last slide.';
  });
  window.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowRight' || event.key === ' ' || event.key === 'PageDown') send('next');
    if (event.key === 'ArrowLeft' || event.key === 'PageUp') send('previous');
  });
  const hello: DeckMessage = { type: 'hello' };
  channel?.postMessage(hello);
}

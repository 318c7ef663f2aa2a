// The speaker's page (/room/CODE?speaker=TOKEN): the room's board full page, the newest results with a
// Remove button each (a nickname the room should not see goes at once), Clear and Close. The token is read
// once, kept in this tab's sessionStorage and taken out of the address bar, so a projected URL bar never
// shows it; the deck's room slide finds the room by its code (localStorage), which is no secret.
import { isSpeakerToken } from '../../room/code.ts';
import { DEVICE_CLASS_LABELS } from '../../room/entry.ts';
import { displayName } from '../../room/summary.ts';
import { errorMessage, h } from '../dom.ts';
import { createRoomBoard } from './roomBoard.ts';
import { connectRoom } from './roomFeed.ts';

export const CURRENT_ROOM_KEY = 'ridgeline:room';
const tokenKey = (code: string) => `ridgeline:room-token:${code}`;
/** Newest results listed with a Remove button (the chart shows them all). */
const LISTED = 20;

/** The speaker token from the address (then removed from it) or from this tab's earlier visit. */
export function takeSpeakerToken(code: string): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('speaker');
  if (fromUrl !== null) {
    params.delete('speaker');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    if (isSpeakerToken(fromUrl)) {
      sessionStorage.setItem(tokenKey(code), fromUrl);
      return fromUrl;
    }
  }
  const kept = sessionStorage.getItem(tokenKey(code));
  return kept !== null && isSpeakerToken(kept) ? kept : null;
}

export function joinUrlFor(code: string): string {
  return `${location.origin}/room/${code}`;
}

export function mountSpeakerPage(root: HTMLElement, code: string, token: string): void {
  try {
    localStorage.setItem(CURRENT_ROOM_KEY, code);
  } catch {
    // storage refused (private mode): the deck slide then asks for the room's address
  }
  const feed = connectRoom(code);
  const board = createRoomBoard({ code, joinUrl: joinUrlFor(code), feed, mode: 'page' });
  const notice = h('p', {
    class: 'room-speaker-notice',
    'data-field': 'speaker-notice',
    'aria-live': 'polite',
  });
  const list = h('ol', { class: 'room-results', 'data-field': 'room-results', reversed: true });
  const more = h('p', { class: 'room-note' });
  const clear = h('button', { type: 'button', 'data-action': 'clear' }, 'Clear all results');
  const close = h('button', { type: 'button', 'data-action': 'close' }, 'Close the room');
  const present = h('a', { href: '/#present=room', class: 'button' }, 'Present (deck slide)');

  const act = async (method: 'DELETE' | 'POST', path: string, done: string): Promise<void> => {
    try {
      const response = await fetch(`/api/rooms/${code}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}` },
      });
      notice.textContent = response.ok
        ? done
        : response.status === 401 || response.status === 403
          ? 'The room refused: this page’s speaker token does not match (open the speaker address the command printed).'
          : `The room answered ${response.status}.`;
    } catch (error) {
      notice.textContent = `The room could not be reached: ${errorMessage(error)}.`;
    }
  };
  clear.addEventListener('click', () => {
    if (confirm(`Remove every result from room ${code}? They cannot be brought back.`))
      void act('DELETE', '/results', 'Cleared.');
  });
  close.addEventListener('click', () => {
    if (confirm(`Close room ${code}? Its results stay; no new ones are taken.`))
      void act('POST', '/close', 'Closed: no new results are taken.');
  });
  list.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-remove]');
    const id = button?.dataset['remove'];
    if (id) void act('DELETE', `/results/${encodeURIComponent(id)}`, 'Removed.');
  });

  const renderList = () => {
    const entries = [...feed.entries.values()].slice(-LISTED).reverse();
    list.replaceChildren(
      ...entries.map((entry) =>
        h(
          'li',
          { 'data-id': entry.id },
          h('span', { class: 'room-result-name' }, displayName(entry)),
          h(
            'span',
            { class: 'room-result-device' },
            ` · ${entry.device.name} · ${DEVICE_CLASS_LABELS[entry.device.class]} `,
          ),
          h(
            'button',
            { type: 'button', 'data-remove': entry.id, 'aria-label': `Remove ${displayName(entry)}` },
            'Remove',
          ),
        ),
      ),
    );
    const hidden = feed.entries.size - entries.length;
    more.textContent =
      hidden > 0 ? `…and ${hidden} earlier result${hidden === 1 ? '' : 's'} (all on the chart).` : '';
  };
  feed.subscribe(renderList);
  renderList();
  root.replaceChildren(
    h(
      'section',
      { class: 'room-speaker', id: 'room-speaker', 'data-room': code },
      h('div', { class: 'room-speaker-bar' }, h('h2', {}, `Room ${code}`), present, clear, close, notice),
      board.element,
      h(
        'details',
        { class: 'card room-moderation', open: true },
        h('summary', {}, 'Newest results'),
        list,
        more,
      ),
    ),
  );
  board.draw();
}

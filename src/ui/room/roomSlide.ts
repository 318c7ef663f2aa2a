// The deck's room slide ("Measure this room"): the board of the room this browser's speaker page opened
// (its code kept in localStorage by speakerPage.ts), live, sized for the 1920×1080 stage. Without a room
// it says how to open one. The feed is opened when the slide is built and closed when it leaves.
import { normaliseRoomCode } from '../../room/code.ts';
import { h } from '../dom.ts';
import { createRoomBoard } from './roomBoard.ts';
import { connectRoom } from './roomFeed.ts';
import { CURRENT_ROOM_KEY, joinUrlFor } from './speakerPage.ts';

function currentRoom(): string | null {
  try {
    return normaliseRoomCode(localStorage.getItem(CURRENT_ROOM_KEY) ?? '');
  } catch {
    return null;
  }
}

/** The slide's body (the deck adds its frame and title). */
export function roomSlideBody(): { body: HTMLElement; dispose: () => void } {
  const code = currentRoom();
  if (code === null)
    return {
      body: h(
        'div',
        { class: 'room-slide-empty deck-text', 'data-field': 'room-slide-empty' },
        h('p', {}, 'No room is open in this browser.'),
        h(
          'p',
          {},
          'Start one with  npx ridgeline room --host <this machine’s address>  and open the speaker address it prints: every attendee’s phone and laptop then lands here, live, beside the B200.',
        ),
      ),
      dispose: () => undefined,
    };
  const feed = connectRoom(code);
  const board = createRoomBoard({ code, joinUrl: joinUrlFor(code), feed, mode: 'slide' });
  // the deck swaps its slot's child when it moves on (or empties it on Esc): the stream closes with it
  const watch = new MutationObserver(() => {
    if (!board.element.isConnected) {
      watch.disconnect();
      board.dispose();
      feed.close();
    }
  });
  queueMicrotask(() => {
    const slot = board.element.closest('.slide')?.parentElement;
    if (slot) watch.observe(slot, { childList: true });
  });
  return {
    body: board.element,
    dispose: () => {
      watch.disconnect();
      board.dispose();
      feed.close();
    },
  };
}

// The room's pages, loaded only at /room/CODE (main.ts): the speaker's page when the address (or this
// tab) holds the speaker token, else the attendee's join page. The rest of the page (the measure section
// and the explorer) is not mounted: a phone gets what it needs to measure and send, nothing more.
import { h } from '../dom.ts';
import { mountJoinPage } from './joinPage.ts';
import { mountSpeakerPage, takeSpeakerToken } from './speakerPage.ts';

export function mountRoom(app: HTMLElement, code: string): void {
  document.title = `ridgeline room ${code}`;
  document.body.classList.add('room-page');
  const wantsSpeaker = new URLSearchParams(location.search).has('speaker');
  const token = takeSpeakerToken(code);
  const root = h('div', { class: 'room-root', id: 'room' });
  app.replaceChildren(root);
  if (token !== null) mountSpeakerPage(root, code, token);
  else {
    if (wantsSpeaker)
      root.append(
        h(
          'p',
          { class: 'notice error', 'data-notice': 'speaker-token' },
          'That speaker address holds no valid token: this is the attendee’s page. Use the speaker address the command printed.',
        ),
      );
    const join = h('div');
    root.append(join);
    mountJoinPage(join, code);
  }
}

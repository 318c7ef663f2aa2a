// One place for what the page has to say: run outcomes, verification failures, import errors. Messages
// are short, plain sentences (never a stack trace) and never remove any result.
import { h } from '../dom.ts';

export type NoticeKind = 'info' | 'ok' | 'error';

export interface Notices {
  readonly element: HTMLElement;
  /** Shows a message under a topic (e.g. 'run', 'import'), replacing that topic's previous message. */
  show(topic: string, kind: NoticeKind, text: string): void;
  clear(topic: string): void;
}

export function createNotices(): Notices {
  const element = h('div', { class: 'notices', 'aria-live': 'polite' });
  const byTopic = new Map<string, HTMLElement>();
  return {
    element,
    show(topic, kind, text) {
      const notice = h(
        'p',
        {
          class: `notice ${kind === 'info' ? '' : kind}`.trim(),
          role: kind === 'error' ? 'alert' : 'status',
          'data-topic': topic,
          'data-kind': kind,
        },
        text,
      );
      const previous = byTopic.get(topic);
      if (previous) previous.replaceWith(notice);
      else element.append(notice);
      byTopic.set(topic, notice);
    },
    clear(topic) {
      byTopic.get(topic)?.remove();
      byTopic.delete(topic);
    },
  };
}

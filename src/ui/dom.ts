// A tiny element builder for the page's panels (no framework: the page is a few hundred nodes).
type AttrValue = string | number | boolean | null | undefined;
type Child = Node | string | null | undefined | false;

/**
 * h('button', { class: 'primary', disabled: true }, 'Run'): false/null/undefined attributes are omitted.
 * Children are nodes or text: a string is always a text node, never markup. `style` goes through the
 * CSSOM (element.style), which the page's Content-Security-Policy allows, unlike a style attribute.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, AttrValue>> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'style') element.style.cssText = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Replaces an element's children. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Coalesces calls into one run of `work` in a task of its own (setTimeout 0), so that several page updates
 * triggered by one event do not add up to one long main-thread task. Each run is recorded as a
 * performance measure 'ridgeline:task:<name>' (scripts/bench-page.ts attributes long tasks with it).
 */
export function deferred(work: () => void, name: string): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const start = performance.now();
      work();
      performance.measure(`ridgeline:task:${name}`, { start, end: performance.now() });
    }, 0);
  };
}

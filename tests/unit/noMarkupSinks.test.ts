// Untrusted text never becomes markup (issue 10): no source file under src/ may parse a string as HTML.
// Text goes in with textContent, d3's .text() or the element builder (ui/dom.ts h()); attributes with
// setAttribute. The page keeps no trusted-markup exception: the sinks below are forbidden outright, so a
// new use fails `npm test` here instead of waiting for someone to notice it in review.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** What turns a string into markup or code, with why each is here. */
const SINKS: readonly (readonly [RegExp, string])[] = [
  [/\.innerHTML\b/, 'innerHTML parses its string as HTML'],
  [/\.outerHTML\b/, 'outerHTML parses its string as HTML'],
  [/\binsertAdjacentHTML\b/, 'insertAdjacentHTML parses its string as HTML'],
  [/\.html\s*\(/, "d3's .html() sets innerHTML"],
  [/\bdocument\.write(ln)?\s*\(/, 'document.write parses its string as HTML'],
  [/\bcreateContextualFragment\b/, 'Range.createContextualFragment parses HTML'],
  [/\bDOMParser\b/, 'DOMParser parses HTML (its nodes can end up in the page)'],
  [/\bsrcdoc\b/, 'an iframe srcdoc is a whole document from a string'],
  [/\bnew\s+Function\s*\(/, 'new Function compiles a string (and the CSP forbids it)'],
  [/(^|[^.\w])eval\s*\(/, 'eval compiles a string (and the CSP forbids it)'],
  [/setAttribute\(\s*['"]on/i, 'an on* attribute is script from a string'],
  [/javascript:/i, 'a javascript: URL is script from a string'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Source without its comments (a comment may name a sink to explain why it is not used). */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/\s.*$/gm, '');
}

/** Every use of a sink: "file:line: why". */
function markupSinks(files: readonly { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) =>
    code(text)
      .split('\n')
      .flatMap((line, i) =>
        SINKS.filter(([pattern]) => pattern.test(line)).map(([, why]) => `${path}:${i + 1}: ${why}`),
      ),
  );
}

describe('no markup sinks in src/', () => {
  it('no source file turns a string into HTML or code', () => {
    const files = sourceFiles('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    expect(files.length).toBeGreaterThan(100);
    expect(markupSinks(files)).toEqual([]);
  });

  it('the scan bites: each sink is found, in code and not in a comment', () => {
    const offending = [
      'panel.innerHTML = "<p>" + name;',
      'el.outerHTML = html;',
      "el.insertAdjacentHTML('beforeend', html);",
      "select(host).append('span').html(label);",
      'document.write(text);',
      'range.createContextualFragment(text);',
      "new DOMParser().parseFromString(text, 'text/html');",
      'frame.srcdoc = text;',
      'const f = new Function(body);',
      'eval(code);',
      "link.setAttribute('onclick', handler);",
      "a.href = 'javascript:alert(1)';",
    ];
    const found = markupSinks(offending.map((text, i) => ({ path: `bad${i}.ts`, text })));
    expect(found).toHaveLength(offending.length);
    expect(
      markupSinks([{ path: 'ok.ts', text: '// innerHTML is not used here\nel.textContent = text;' }]),
    ).toEqual([]);
  });
});

// Which Chromium or Chrome the browser tests drive (never a browser a tool downloads): RIDGELINE_CHROMIUM,
// then PATH, then the usual install folders on Linux, macOS and Windows.
import { join } from 'node:path';
import { type Located, type LocateRequest, locateFile } from '../../src/gpu/locate.node.ts';

const programFiles = [
  process.env['PROGRAMFILES'],
  process.env['PROGRAMFILES(X86)'],
  process.env['LOCALAPPDATA'],
]
  .filter((dir): dir is string => Boolean(dir))
  .map((dir) => join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'));

export const CHROMIUM_SEARCH: LocateRequest = {
  what: 'Chromium or Chrome for the browser tests',
  envVar: 'RIDGELINE_CHROMIUM',
  commands: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'],
  paths: [
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ...programFiles,
  ],
  remedy:
    'install Chromium (Debian/Ubuntu: apt install chromium) or Chrome, or set RIDGELINE_CHROMIUM to its executable',
};

let located: Located | undefined;

/** The browser to launch, found once per process. */
export function locateChromium(): Located {
  located ??= locateFile(CHROMIUM_SEARCH);
  return located;
}

/** The browser's path; throws with what was looked for when there is none. */
export function chromiumExecutable(): string {
  const found = locateChromium();
  if (found.found === null) throw new Error(found.message);
  return found.found;
}

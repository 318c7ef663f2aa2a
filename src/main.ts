// Page entry point: the shell (theme, Measure section, Project section). No math lives here.
//
// Contract between the Measure section and the rest of the page (the projection explorer):
//   - whenever the set of measurement documents on the chart changes (a run finished, a document was
//     imported, shown from history or a shared link, or removed), the page dispatches
//       window.dispatchEvent(new CustomEvent('ridgeline:measurements', { detail: { documents } }))
//     where `documents` is a MeasurementDocument[] (src/measure/document.ts), this browser's run first;
//   - the latest detail is also kept on `window.__ridgelineMeasurements` ({ documents }) so a module that
//     mounts later reads the current state without waiting for the next event.
//   The explorer mounts into <section id="explorer"> through ./ui/explorer/mount.ts (mountExplorer(root)).
import './ui/styles.css';
import { roomCodeFromPath } from './room/code.ts';
import { errorMessage, h } from './ui/dom.ts';
import { mountMeasure } from './ui/measure/mountMeasure.ts';
import { publishMeasurements } from './ui/measure/store.ts';
import { themeToggle } from './ui/theme.ts';

interface ExplorerModule {
  mountExplorer(root: HTMLElement): unknown;
}

// A glob instead of a plain import(): a build without the explorer module still builds and loads, and the
// Project section says so instead of breaking the page.
const explorerModules = import.meta.glob<ExplorerModule>('./ui/explorer/mount.ts');

async function mountExplorerGuarded(root: HTMLElement): Promise<void> {
  const load = explorerModules['./ui/explorer/mount.ts'];
  if (!load) {
    root.append(
      h(
        'p',
        { class: 'notice', 'data-notice': 'explorer-missing' },
        'The projection explorer is not part of this build.',
      ),
    );
    return;
  }
  try {
    const module = await load();
    await module.mountExplorer(root);
  } catch (error) {
    root.append(
      h(
        'p',
        { class: 'notice error', 'data-notice': 'explorer-failed' },
        `The projection explorer could not be loaded: ${errorMessage(error)}`,
      ),
    );
  }
}

function start(): void {
  // The presenter view (a second window the deck opens) shows only the speaker's notes, in step.
  if (location.hash === '#presenter') {
    document.getElementById('header-tools')?.append(themeToggle());
    void import('./ui/deck/presenter.ts').then((module) => module.mountPresenter(document.body));
    return;
  }
  // A room's join or speaker page (/room/CODE, served by `ridgeline room`): that page alone.
  const room = roomCodeFromPath(location.pathname);
  if (room !== null) {
    const tools = document.getElementById('header-tools');
    tools?.replaceChildren(themeToggle());
    const app = document.getElementById('app');
    if (app) void import('./ui/room/mountRoom.ts').then((module) => module.mountRoom(app, room));
    return;
  }
  document.getElementById('header-tools')?.append(themeToggle());
  // Before anything mounts: the explorer may read the (empty) state right away.
  publishMeasurements([]);
  const measure = document.getElementById('measure');
  if (measure) mountMeasure(measure);
  const explorer = document.getElementById('explorer');
  if (explorer) void mountExplorerGuarded(explorer);
}

start();

// `npm run docs:screenshot [-- --run]`: regenerates the README's figure, docs/img/roofline.png: the built page
// in headless Chromium on SwiftShader WebGPU (the browser tests' set-up, tests/browser/pageServer.ts), the
// roofline card after a run: this device's measured roofs and points beside the blog's B200 and Kimi K2.6's
// operating points. By default the run is tests/fixtures/swiftshader-quick.json, a real quick run on
// SwiftShader imported as a user would (the picture only changes when the page does); --run measures a
// fresh quick run instead (~30 s on a CPU adapter).
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';
import { buildPage, launchChromium, openPage, repoRoot, serveFolder } from '../tests/browser/pageServer.ts';

const OUT = join(repoRoot, 'docs', 'img', 'roofline.png');
const FIXTURE = join(repoRoot, 'tests', 'fixtures', 'swiftshader-quick.json');

await runScript(async () => {
  const args = process.argv.slice(2);
  const fresh = args[0] === '--run';
  if (args.length > (fresh ? 1 : 0))
    throw new UsageError(`docs:screenshot takes only --run (got '${clipForMessage(args.join(' '))}')`);
  const dist = await buildPage(`docs-${Date.now()}-${process.pid}`);
  const server = await serveFolder(dist);
  const browser = await launchChromium({ webgpu: 'swiftshader' });
  try {
    const { page } = await openPage(browser, `${server.baseUrl}index.html`);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.waitForSelector('#measure[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('#explorer[data-ready="true"]', { state: 'attached', timeout: 60_000 });
    if (fresh) {
      await page.click('#run-button');
      await page.waitForFunction(
        () =>
          ['done', 'failed', 'cancelled'].includes(
            document.querySelector('#run-progress')?.getAttribute('data-state') ?? '',
          ),
        null,
        { timeout: 300_000 },
      );
    } else {
      await page.setInputFiles('#import-file', {
        name: 'swiftshader-quick.json',
        mimeType: 'application/json',
        buffer: readFileSync(FIXTURE),
      });
    }
    await page.waitForFunction(
      () => Number(document.querySelector('#roofline')?.getAttribute('data-points')) > 0,
      null,
      {
        timeout: 60_000,
      },
    );
    // the chart's entrance transitions settle before the picture is taken
    await page.waitForTimeout(600);
    mkdirSync(join(repoRoot, 'docs', 'img'), { recursive: true });
    // the chart and its legend: the card's prose below them is the page's to read
    const card = await page.locator('#roofline-card').boundingBox();
    const legend = await page.locator('#roofline-card .legend').boundingBox();
    if (!card || !legend) throw new Error('the roofline card is not on screen');
    await page.screenshot({
      path: OUT,
      clip: { x: card.x, y: card.y, width: card.width, height: legend.y + legend.height + 8 - card.y },
    });
    console.log(
      `docs:screenshot: ${OUT.slice(repoRoot.length + 1)} (${(statSync(OUT).size / 1000).toFixed(0)} kB) from ${fresh ? 'a fresh quick run' : 'tests/fixtures/swiftshader-quick.json'}`,
    );
    return 0;
  } finally {
    await browser.close();
    await server.close();
  }
});

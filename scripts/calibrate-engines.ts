// `npm run calibrate:engines`: re-runs each engine profile's fit (validation/calibration.ts) on its rows
// marked fit and prints the fitted costs beside the profile's defaults, rounded to two significant figures
// as presets/engines.ts keeps them, with the loss at each. Copy a changed value into engines.ts by hand
// (its source says where it comes from), then `npm run validation:tables`; tests/unit/model/calibration.test.ts
// fails while the defaults are not the fit. Prints numbers; changes no file.
import { reportFailure } from '../src/cli/failure.ts';
import { UsageError } from '../src/cli/usage.ts';
import { clipForMessage } from '../src/model/text/plainText.ts';
import {
  defaultFittedCosts,
  defaultLoss,
  fitEngine,
  fittedEngines,
  fittedKeys,
} from '../src/model/validation/calibration.ts';

const given = process.argv.slice(2);
if (given.length > 0) {
  process.exitCode = reportFailure(
    new UsageError(`calibrate:engines takes no options (got '${clipForMessage(given[0] ?? '')}')`),
  );
  process.exit();
}

const round = (value: number) => Number(value.toPrecision(2));
for (const engine of fittedEngines()) {
  const defaults = defaultFittedCosts(engine);
  const fit = fitEngine(engine);
  console.log(
    `${engine}: loss at the defaults ${defaultLoss(engine).toFixed(4)}, fitted ${fit.loss.toFixed(4)}`,
  );
  for (const key of fittedKeys(engine)) {
    const changed = round(fit.costs[key]) !== defaults[key] ? '   ← differs' : '';
    console.log(
      `  ${key.padEnd(30)} default ${String(defaults[key]).padEnd(10)} fit ${round(fit.costs[key])}${changed}`,
    );
  }
}

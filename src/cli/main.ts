// Entry point of the `ridgeline` command (bin/ridgeline.mjs, and the bundle scripts/device/prepare.sh makes).
import { main } from './commands.ts';
import { isNativeStderrChild, routeOwnStderrToParent } from './nativeStderr.ts';

// In the child that measures (see nativeStderr.ts), ridgeline's own stderr goes to the parent's.
if (isNativeStderrChild()) routeOwnStderrToParent();
process.exitCode = await main(process.argv.slice(2));

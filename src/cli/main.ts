// Entry point of the `ridgeline` command (bin/ridgeline.mjs, and the bundle scripts/device/prepare.sh makes).
import { main } from './commands.ts';

process.exitCode = await main(process.argv.slice(2));

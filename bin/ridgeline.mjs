#!/usr/bin/env node
// Entry point for `npx ridgeline …` and `npm run cli -- …`: runs the TypeScript CLI through tsx,
// so the CLI and the page share the same source with no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

#!/usr/bin/env node
// The `switchyard` command: registers tsx's ESM loader, then runs the TypeScript CLI as is,
// so the CLI needs no separate build step (same as `npm start`).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/switchyard.ts');
process.exitCode = await runCli(process.argv.slice(2));

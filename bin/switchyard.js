#!/usr/bin/env node
// The `switchyard` command: compiles the gateway to dist/ when the sources are newer (a no-op on
// an installed, built package), then runs the compiled CLI.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--if-stale'], { stdio: 'inherit' });
const { runCli } = await import('../dist/src/cli/switchyard.js');
process.exitCode = await runCli(process.argv.slice(2));

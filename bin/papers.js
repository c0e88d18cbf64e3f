#!/usr/bin/env node
// Thin launcher for the compiled CLI: `npm ci` runs the `prepare` build, so dist/ exists.
import { runCli } from "../dist/cli/cli.js";

await runCli(process.argv);

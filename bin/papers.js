#!/usr/bin/env node
// Thin launcher for the compiled CLI. `npm ci` builds dist/ (the prepare script); a
// production install builds it before pruning devDependencies (scripts/production-install.sh).
let cli;
try {
  cli = await import("../dist/cli/cli.js");
} catch (err) {
  if (err?.code !== "ERR_MODULE_NOT_FOUND" || !String(err.message).includes("dist/cli/cli.js")) throw err;
  process.stderr.write("papers: dist/ is not built yet. Run npm run build (npm ci does it too), then try again.\n");
  process.exit(1);
}
await cli.runCli(process.argv);

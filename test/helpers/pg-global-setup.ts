import type { TestProject } from "vitest/node";
import { startPgServer } from "./pg-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the test run's Postgres server (database `postgres`); each suite creates its own database on it. */
    pgAdminUrl: string;
  }
}

/**
 * One real Postgres server per test run (see startPgServer), stopped and deleted at the
 * end; each suite creates its own database on it (temp-pg.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPgServer();
  project.provide("pgAdminUrl", server.adminUrl);
  return () => server.destroy();
}

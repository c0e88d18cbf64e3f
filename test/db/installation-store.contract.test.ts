import { beforeEach, describe, expect, it } from "vitest";
import type { InstallationRecord } from "../../src/core/installations/installation-store.js";
import { STORE_DOCUMENT_FORMAT, STORE_DOCUMENT_VERSION, type StoreDocument } from "../../src/core/transfer/store-document.js";
import type { SqliteStores } from "../../src/db/create-sqlite-stores.js";
import { STORE_DIALECTS, useStores } from "../helpers/store-dialects.js";

const team = (over: Partial<InstallationRecord> = {}): InstallationRecord => ({ installKey: "T0001", teamId: "T0001", enterpriseId: null, sealed: "v1.first", ...over });
const org: InstallationRecord = { installKey: "E0001", teamId: null, enterpriseId: "E0001", sealed: "v1.org" };
const T0 = "2026-08-01T10:00:00.000Z";
const T1 = "2026-08-02T10:00:00.000Z";

const emptyDoc = (installs: StoreDocument["slackInstallations"]): StoreDocument => ({
  format: STORE_DOCUMENT_FORMAT,
  version: STORE_DOCUMENT_VERSION,
  channels: [],
  votes: [],
  delivery: { runs: [], items: [] },
  topics: { droppedTerms: [], feedback: [] },
  llmUsage: [],
  slackInstallations: installs,
});

describe.each(STORE_DIALECTS)("installation store on %s", (dialect) => {
  const fixture = useStores(dialect);
  let stores: SqliteStores;
  beforeEach(() => {
    stores = fixture.stores;
  });

  it("saves, finds, lists and deletes installs by team and by enterprise", async () => {
    expect(await stores.installations.find("T0001")).toBeNull();
    await stores.installations.save(team(), T0);
    await stores.installations.save(org, T0);
    expect(await stores.installations.find("T0001")).toEqual({ ...team(), installedAt: T0, updatedAt: T0 });
    expect(await stores.installations.find("E0001")).toEqual({ ...org, installedAt: T0, updatedAt: T0 });
    expect((await stores.installations.list()).map((i) => i.installKey)).toEqual(["E0001", "T0001"]);
    expect(await stores.installations.delete("T0001")).toBe(true);
    expect(await stores.installations.delete("T0001")).toBe(false);
    expect(await stores.installations.find("T0001")).toBeNull();
    expect((await stores.installations.list()).map((i) => i.installKey)).toEqual(["E0001"]);
  });

  it("a reinstall replaces the sealed record and keeps the first install time", async () => {
    await stores.installations.save(team(), T0);
    await stores.installations.save(team({ sealed: "v1.second", enterpriseId: "E9" }), T1);
    expect(await stores.installations.find("T0001")).toEqual({ ...team({ sealed: "v1.second", enterpriseId: "E9" }), installedAt: T0, updatedAt: T1 });
    expect(await stores.installations.list()).toHaveLength(1);
  });

  it("export carries installs as stored; import adds missing ones, replaces older ones, keeps newer ones, and a second import is a no-op", async () => {
    await stores.installations.save(team({ sealed: "v1.target-old" }), T0);
    await stores.installations.save(team({ installKey: "T0003", teamId: "T0003", sealed: "v1.target-new" }), T1);
    const incoming = [
      { ...team({ sealed: "v1.doc-new" }), installedAt: T0, updatedAt: T1 },
      { ...team({ installKey: "T0002", teamId: "T0002", sealed: "v1.doc-added" }), installedAt: T0, updatedAt: T0 },
      { ...team({ installKey: "T0003", teamId: "T0003", sealed: "v1.doc-old" }), installedAt: T0, updatedAt: T0 },
    ];
    expect((await stores.transfer.importAll(emptyDoc(incoming))).installations).toBe(2);
    expect((await stores.installations.list()).map((i) => [i.installKey, i.sealed])).toEqual([["T0001", "v1.doc-new"], ["T0002", "v1.doc-added"], ["T0003", "v1.target-new"]]);
    expect((await stores.transfer.importAll(emptyDoc(incoming))).installations).toBe(0);
    expect((await stores.transfer.exportAll()).slackInstallations).toEqual(await stores.installations.list());
  });
});

import { describe, expect, it } from "vitest";
import { completeCommand } from "../../../src/adapters/shell/complete-command.js";
import { createCommandRegistry } from "../../../src/core/commands/index.js";

const names = createCommandRegistry().all.map((c) => c.name);

describe("completeCommand", () => {
  it("offers every command that starts with what was typed; a single match ends with a space", () => {
    expect(completeCommand(names, "to")).toEqual([["today", "top", "topics"], "to"]);
    expect(completeCommand(names, "su")).toEqual([["subscribe", "summary"], "su"]);
    expect(completeCommand(names, "sett")).toEqual([["settings "], "sett"]);
  });

  it("completes after a /papers or papers prefix, or a slash, and ignores case", () => {
    expect(completeCommand(names, "/papers to")).toEqual([["today", "top", "topics"], "to"]);
    expect(completeCommand(names, "papers sea")).toEqual([["search "], "sea"]);
    expect(completeCommand(names, "/Sch")).toEqual([["schedule "], "Sch"]);
    expect(completeCommand(names, "  /PAPERS   unsub")).toEqual([["unsubscribe "], "unsub"]);
  });

  it("offers every command on an empty line or after the prefix alone", () => {
    const [all] = completeCommand(names, "");
    expect(all).toEqual([...names].sort());
    expect(completeCommand(names, "/papers ")[0]).toEqual([...names].sort());
  });

  it("offers nothing for an unknown prefix or once arguments are being typed", () => {
    expect(completeCommand(names, "zz")).toEqual([[], "zz"]);
    expect(completeCommand(names, "today tok")).toEqual([[], "today tok"]);
    expect(completeCommand(names, "/papers search agents")).toEqual([[], "/papers search agents"]);
  });
});

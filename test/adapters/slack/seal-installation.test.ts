import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openInstallation, parseInstallationKey, sealInstallation } from "../../../src/adapters/slack/seal-installation.js";

const key = parseInstallationKey(randomBytes(32).toString("base64"));
const plain = JSON.stringify({ team: { id: "T0AAA" }, bot: { token: "xoxb-secret-token-1" } });

describe("sealing Slack installs (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time and nothing of the record in clear", () => {
    const a = sealInstallation(plain, key, "T0AAA");
    const b = sealInstallation(plain, key, "T0AAA");
    expect(a).not.toBe(b);
    expect(a).not.toMatch(/xoxb|T0AAA|secret/);
    expect(openInstallation(a, key, "T0AAA")).toEqual({ ok: true, plain });
  });

  it("refuses another key, a changed byte, a record moved to another workspace's row and a foreign format, never throwing", () => {
    const sealed = sealInstallation(plain, key, "T0AAA");
    const other = parseInstallationKey(randomBytes(32).toString("hex"));
    expect(openInstallation(sealed, other, "T0AAA")).toEqual({ ok: false, reason: `the record was sealed with another SLACK_INSTALLATION_KEY (key id ${key.id}; this one is ${other.id})` });
    const body = sealed.split(":");
    body[4] = (body[4]![0] === "A" ? "B" : "A") + body[4]!.slice(1);
    expect(openInstallation(body.join(":"), key, "T0AAA")).toMatchObject({ ok: false, reason: expect.stringContaining("integrity check") });
    expect(openInstallation(sealed, key, "T0BBB")).toMatchObject({ ok: false, reason: expect.stringContaining("integrity check") });
    expect(openInstallation(plain, key, "T0AAA")).toEqual({ ok: false, reason: "the record is not in a format this bot seals" });
    expect(openInstallation("v1:x:y", key, "T0AAA")).toMatchObject({ ok: false });
  });

  it("takes a 32-byte key as base64 or hex and refuses any other length with the setting and how to make one", () => {
    expect(parseInstallationKey(randomBytes(32).toString("base64")).bytes).toHaveLength(32);
    expect(parseInstallationKey(` ${randomBytes(32).toString("hex")}\n`).bytes).toHaveLength(32);
    for (const bad of [randomBytes(16).toString("base64"), randomBytes(33).toString("hex"), "not a key!"]) {
      expect(() => parseInstallationKey(bad)).toThrow(/^SLACK_INSTALLATION_KEY must be 32 bytes, base64 or hex \(got .+\): make one with `openssl rand -base64 32`/);
    }
  });
});

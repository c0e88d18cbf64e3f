import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { classifySlackError } from "../../../src/adapters/slack/classify-slack-error.js";

const requestError = (code: string) => Object.assign(new Error("request failed"), { code: webApi.ErrorCode.RequestError, original: Object.assign(new Error(code), { code }) });

describe("classifySlackError", () => {
  it("treats a refused or unresolvable connection as certainly not posted (safe to retry)", () => {
    expect(classifySlackError(requestError("ECONNREFUSED"))).toMatchObject({ reason: "request_error", permanent: false });
    expect(classifySlackError(requestError("ENOTFOUND"))).toMatchObject({ reason: "request_error", permanent: false });
  });

  it("treats a timeout or reset after sending as an unknown outcome", () => {
    expect(classifySlackError(requestError("ETIMEDOUT")).reason).toBe("request_unknown");
    expect(classifySlackError(requestError("ECONNRESET")).reason).toBe("request_unknown");
  });

  it("marks channel_not_found and not_in_channel permanent, other platform errors transient", () => {
    const platform = (error: string) => Object.assign(new Error(error), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });
    expect(classifySlackError(platform("channel_not_found")).permanent).toBe(true);
    expect(classifySlackError(platform("not_in_channel")).permanent).toBe(true);
    expect(classifySlackError(platform("internal_error")).permanent).toBe(false);
  });
});

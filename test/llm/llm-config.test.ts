import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("llm config", () => {
  let dir: string;
  const write = (llm: unknown): void => writeFileSync(join(dir, "config/papers.json"), JSON.stringify({ llm }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "papers-llm-config-"));
    mkdirSync(join(dir, "config"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("defaults to no provider (the offline summary), a 200-request budget and full text on", () => {
    const { config, env } = loadConfig({ OPENAI_API_KEY: "sk-unused" }, dir);
    expect(config.llm).toMatchObject({ provider: "none", model: null, dailyRequestBudget: 200, fullText: { enabled: true, baseUrl: "https://arxiv.org" } });
    expect(env.llmApiKey).toBeNull();
  });

  it("reads the key from LLM_API_KEY first, else the provider's own variable, and keeps it out of the config", () => {
    write({ provider: "anthropic", model: "claude-haiku-4-5" });
    expect(loadConfig({ ANTHROPIC_API_KEY: "ak-1" }, dir).env.llmApiKey).toBe("ak-1");
    expect(loadConfig({ ANTHROPIC_API_KEY: "ak-1", LLM_API_KEY: " lk-2 " }, dir).env.llmApiKey).toBe("lk-2");
    expect(loadConfig({ OPENAI_API_KEY: "sk-3", ANTHROPIC_API_KEY: "ak-1" }, dir).env.llmApiKey).toBe("ak-1");
    expect(JSON.stringify(loadConfig({ ANTHROPIC_API_KEY: "ak-1" }, dir).config)).not.toContain("ak-1");
  });

  it("names the key and the fix when the model or the API key is missing", () => {
    write({ provider: "openai" });
    expect(() => loadConfig({}, dir)).toThrow(/"llm\.model": set the model name/);
    write({ provider: "anthropic", model: "claude-haiku-4-5" });
    expect(() => loadConfig({}, dir)).toThrow(/export LLM_API_KEY \(or ANTHROPIC_API_KEY\)/);
    write({ provider: "openai", model: "gpt-4o-mini" });
    expect(() => loadConfig({}, dir)).toThrow(/OPENAI_API_KEY/);
  });

  it("lets a local OpenAI-compatible server (Ollama, vLLM, llama.cpp) run without a key", () => {
    write({ provider: "openai", model: "llama3.1:8b", baseUrl: "http://localhost:11434/v1" });
    expect(loadConfig({}, dir).config.llm.baseUrl).toBe("http://localhost:11434/v1");
  });

  it("rejects unknown keys and bad values", () => {
    write({ provider: "gemini" });
    expect(() => loadConfig({}, dir)).toThrow(/llm\.provider/);
    write({ provider: "none", apiKey: "sk-in-file" });
    expect(() => loadConfig({}, dir)).toThrow(/unknown key "llm\.apiKey"/);
  });
});

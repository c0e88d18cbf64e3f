import { z } from "zod";

/**
 * The `llm` section of the config file: which language model writes TL;DRs and answers
 * questions. The key is a secret and comes only from env (LLM_API_KEY, else OPENAI_API_KEY
 * or ANTHROPIC_API_KEY for the matching provider); everything here is safe to commit.
 */
export const llmConfigSchema = z
  .strictObject({
    /** `none` (default: offline summaries, no model), `openai` (any OpenAI-compatible endpoint) or `anthropic`. */
    provider: z.enum(["none", "openai", "anthropic"]).default("none"),
    /** API base URL; null uses the provider's (OpenAI: https://api.openai.com/v1). Ollama: http://localhost:11434/v1. */
    baseUrl: z.url().nullable().default(null),
    /** Model name, e.g. gpt-4o-mini, claude-haiku-4-5, llama3.1:8b; required unless provider is none. */
    model: z.string().trim().min(1).max(200).nullable().default(null),
    /** Per-request timeout, milliseconds; a slower answer falls back to the offline summary. */
    timeoutMs: z.number().int().min(1000).max(300_000).default(30_000),
    /** SDK retries after a 429/5xx/timeout; default 0 so the budget counts every HTTP request and failures fall back fast. */
    maxRetries: z.number().int().min(0).max(5).default(0),
    /** Most model requests per UTC day across every channel; 0 turns model calls off. Cached summaries cost nothing. */
    dailyRequestBudget: z.number().int().min(0).max(1_000_000).default(200),
    /** Most characters of paper text sent per request (about 4 per token); the full text is cut to fit. */
    maxInputChars: z.number().int().min(2000).max(1_000_000).default(24_000),
    /** Sampling temperature; null leaves it to the provider (some OpenAI models accept only their default). */
    temperature: z.number().min(0).max(2).nullable().default(null),
    /** arXiv HTML full text used to ground summaries and answers. */
    fullText: z
      .strictObject({
        /** Fetch https://arxiv.org/html/<id> when available; off grounds on the abstract alone. */
        enabled: z.boolean().default(true),
        /** arXiv origin serving /html/<id> (tests point it at a local fake). */
        baseUrl: z.url().default("https://arxiv.org"),
        /** Timeout for the HTML fetch, milliseconds (one retry). */
        timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
      })
      .prefault({}),
  })
  .superRefine((value, ctx) => {
    if (value.provider !== "none" && value.model === null) {
      ctx.addIssue({ code: "custom", path: ["model"], message: `set the model name for provider "${value.provider}" (e.g. ${value.provider === "anthropic" ? "claude-haiku-4-5" : "gpt-4o-mini or llama3.1:8b"}), or set provider to "none"` });
    }
  });

/** The validated `llm` config section. */
export type LlmConfig = z.infer<typeof llmConfigSchema>;

/** The API key for `provider` from env: LLM_API_KEY, else OPENAI_API_KEY / ANTHROPIC_API_KEY; null when unset. Never logged. */
export function llmApiKeyFromEnv(env: NodeJS.ProcessEnv, provider: LlmConfig["provider"]): string | null {
  const read = (name: string): string | null => (env[name]?.trim() ? env[name]!.trim() : null);
  if (provider === "none") return null;
  return read("LLM_API_KEY") ?? read(provider === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY");
}

/**
 * Why the llm settings cannot work, with the fix, or null when they can. A key is required
 * for Anthropic and for OpenAI's own API; a local OpenAI-compatible server (baseUrl set) may go without.
 */
export function llmConfigProblem(config: LlmConfig, apiKey: string | null): string | null {
  if (config.provider === "none" || apiKey) return null;
  if (config.provider === "openai" && config.baseUrl !== null) return null;
  const name = config.provider === "openai" ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY";
  return `llm.provider is "${config.provider}" but no API key is set: export LLM_API_KEY (or ${name}), or set llm.provider to "none" for offline summaries.`;
}

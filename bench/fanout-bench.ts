import { log } from "./bench-env.js";
import { run } from "./fanout.js";
import type { Section } from "./report.js";

/** Fan-out: bench/fanout.ts's runs (1,000 channels × header + 5 papers, virtual time, Discord limits) as a report section. */
export async function runFanoutBench(channels: number): Promise<Section> {
  log(`fan-out: ${channels} channels`);
  const rows = [
    await run("paced, concurrency 100", true, 0, channels),
    await run("paced, 150 ms round trips", true, 150, channels),
    await run("unpaced (library retries only)", false, 0, channels),
    await run("paced, limits at arrival, 40 ms round trips + 0–20 ms jitter", true, 40, channels, { jitterMs: 20 }),
  ];
  const arrival = rows[3]!;
  const keys = Object.keys(rows[0] ?? {});
  const paced = rows[0]!;
  const ratio = Number(paced.ratio);
  const rateLimited = Number(paced["429s"]);
  return {
    title: "Fan-out (bench/fanout.ts through deliverMany)",
    notes: [
      `${channels.toLocaleString("en-US")} channels × (1 header + 5 papers) through the real delivery engine and a real SQLite ledger, against test/fakes/fake-chat-adapter.ts enforcing Discord's limits (50 requests/s per bot, 5 messages / 5 s per channel; a 429 is counted, waited out and retried, as discord.js does). Time is virtual, so the wall time is the engine's own overhead.`,
      "ratio = achieved rate / the most the limits allow; the unpaced run is the baseline (no pacer, library retries only).",
    ],
    headers: keys,
    rows: rows.map((r) => keys.map((k) => String(r[k] ?? ""))),
    summary: [
      {
        bench: `Fan-out ${channels.toLocaleString("en-US")} channels × 6 messages (achieved / allowed rate)`,
        ours: `${paced.ratio} (${paced["rate msg/s"]} of ${paced["allowed msg/s"]} msg/s), ${rateLimited} × 429`,
        baseline: `unpaced: ${rows[2]!.ratio}, ${rows[2]!["429s"]} × 429`,
        ratio: "",
        target: "≥ 0.90 of allowed, no 429 after the first",
        met: ratio >= 0.9 && rateLimited <= 1,
      },
      {
        bench: `Fan-out ${channels.toLocaleString("en-US")} channels, limits counted at arrival with jitter`,
        ours: `${arrival.ratio} (${arrival["rate msg/s"]} of ${arrival["allowed msg/s"]} msg/s), ${arrival["429s"]} × 429`,
        baseline: "",
        ratio: "",
        target: "≥ 0.95 of allowed, 0 × 429",
        met: Number(arrival.ratio) >= 0.95 && Number(arrival["429s"]) === 0,
      },
    ],
  };
}

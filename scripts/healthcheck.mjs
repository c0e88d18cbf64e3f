#!/usr/bin/env node
// Asks the running bot's GET /healthz. The Dockerfile's HEALTHCHECK runs it, and so does
// scripts/production-install.sh (which CI runs), so what the image checks is tested.
//
//   node scripts/healthcheck.mjs                  one try at http://127.0.0.1:$PAPERS_HTTP_PORT/healthz (default 9464)
//   node scripts/healthcheck.mjs --wait 60        retry every 500 ms for up to 60 s (start-up)
//   node scripts/healthcheck.mjs --url URL        another address
//
// Exit 0 when it answers 200, 1 otherwise, with one line saying why.
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const url = option("--url") ?? `http://127.0.0.1:${process.env.PAPERS_HTTP_PORT || 9464}/healthz`;
const waitMs = Number(option("--wait") ?? 0) * 1000;
const deadline = Date.now() + waitMs;

async function once() {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
    const body = await res.text();
    return { ok: res.status === 200, line: `${url}: ${res.status} ${body.trim().slice(0, 400)}` };
  } catch (err) {
    return { ok: false, line: `${url}: no answer (${err.cause?.code ?? err.cause?.message ?? err.message})` };
  }
}

for (;;) {
  const result = await once();
  if (result.ok || Date.now() >= deadline) {
    (result.ok ? process.stdout : process.stderr).write(`healthcheck: ${result.line}\n`);
    process.exit(result.ok ? 0 : 1);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

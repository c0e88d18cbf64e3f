import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFile } from "../../src/cli/ingest-file.js";
import { createFixedClock } from "../../src/core/clock.js";
import { createFakeChatAdapter } from "../fakes/fake-chat-adapter.js";
import { createTestApp, say, textOf } from "../helpers/test-app.js";

const CH = "shell:local:test";
const HF_0803 = join(import.meta.dirname, "../fixtures/hf-daily-papers-2026-08-03-nodate-limit3-newsassistant.json");

describe("schedule, settings, pause, resume and status through the real commands", () => {
  let app: ReturnType<typeof createTestApp>;
  beforeEach(async () => {
    app = createTestApp({ now: "2026-08-01T09:00:00Z" });
  });
  afterEach(() => app.cleanup());

  const stored = () => app.ports.channelSettings.get(CH);

  it("schedule sets time, zone and days, and says when the next post is", async () => {
    const reply = await say(app, "schedule 09:00 Europe/Paris mon-fri");
    expect(reply.ephemeral).toBe(true);
    expect(reply.fallbackText).toBe(
      "Daily digest here: 09:00 Europe/Paris, weekdays (Mon-Fri). Next post: Mon 2026-08-03 09:00 Europe/Paris (2026-08-03 07:00 UTC).",
    );
    expect(await stored()).toMatchObject({ postTime: "09:00", timezone: "Europe/Paris", days: [1, 2, 3, 4, 5], platform: "shell", workspace: "local" });
  });

  it("schedule keeps the zone and days it is not given, takes days without a zone, and turns off", async () => {
    await say(app, "schedule 09:00 america/new_york weekends");
    expect((await say(app, "schedule 7:30")).fallbackText).toMatch(/^Daily digest here: 07:30 America\/New_York, weekends \(was 09:00 America\/New_York, weekends\)\. Next post: Sat 2026-08-01 07:30/);
    await say(app, "schedule 08:15 mon, wed, fri");
    expect(await stored()).toMatchObject({ postTime: "08:15", timezone: "America/New_York", days: [1, 3, 5] });
    await say(app, "schedule 08:15 Mon-Fri UTC");
    expect(await stored()).toMatchObject({ timezone: "UTC", days: [1, 2, 3, 4, 5] });
    expect((await say(app, "schedule off")).fallbackText).toMatch(/Turned the daily post off here \(it was 08:15 UTC, weekdays/);
    expect((await stored())?.postTime).toBeNull();
    expect((await say(app, "schedule off")).fallbackText).toMatch(/has no daily post; nothing changed/);
  });

  it("schedule refuses a bad time, an unknown zone and odd days, changing nothing", async () => {
    for (const line of ["schedule 25:00", "schedule 9am Europe/Paris", "schedule", "schedule 12:60"]) {
      const reply = await say(app, line);
      expect(reply.ephemeral).toBe(true);
      expect(reply.fallbackText).toMatch(/24-hour HH:MM, e\.g\. 09:00.*Usage: \/papers schedule <time> \[timezone\] \[days\]/);
    }
    expect((await say(app, "schedule 09:00 Mars/Olympus")).fallbackText).toBe('Unknown timezone "Mars/Olympus"; use a name like Europe/Paris or America/New_York');
    expect((await say(app, "schedule 09:00 Paris")).fallbackText).toMatch(/Unknown timezone "Paris"/);
    expect((await say(app, "schedule 09:00 Europe/Paris funday")).fallbackText).toMatch(/"funday" is not a set of days: use mon-fri, weekdays, weekends, daily/);
    expect((await say(app, "schedule 09:00 Europe/Paris America/New_York")).fallbackText).toMatch(/could not tell which/);
    expect(await stored()).toBeNull();
  });

  it("settings shows everything with no arguments and changes one key at a time", async () => {
    await say(app, "schedule 09:00 Europe/Paris");
    const shown = await say(app, "settings");
    expect(shown.ephemeral).toBe(true);
    expect(textOf(shown)).toMatch(/Schedule: 09:00 Europe\/Paris, every day\. Next post: Sun 2026-08-02 09:00/);
    expect(textOf(shown)).toMatch(/up to 10 papers, min 0 upvotes, mode all, catch-up latest, thread off/);
    expect((await say(app, "settings max 5")).fallbackText).toMatch(/^Set max to 5 \(was 10\)\. Next post: Sun 2026-08-02 09:00 Europe\/Paris/);
    expect((await say(app, "settings min-upvotes 20")).fallbackText).toMatch(/Set min-upvotes to 20 \(was 0\)/);
    expect((await say(app, "settings catch-up all")).fallbackText).toMatch(/Set catch-up to all \(was latest\)/);
    expect((await say(app, "settings thread on")).fallbackText).toMatch(/Set thread to on \(was off\)/);
    expect((await say(app, "settings mode topics")).fallbackText).toMatch(/Set mode to topics.*follows no topics yet.*\/papers subscribe/);
    expect((await say(app, "settings MAX 5")).fallbackText).toMatch(/already 5/);
    expect(await stored()).toMatchObject({ maxPapers: 5, minUpvotes: 20, catchUp: "all", useThread: true, mode: "topics", postTime: "09:00" });
  });

  it("settings answers a wrong key or value with what is allowed", async () => {
    expect((await say(app, "settings colour blue")).fallbackText).toMatch(/Settings are max, min-upvotes, mode, catch-up, thread, e\.g\. \/papers settings max 5/);
    expect((await say(app, "settings max 30")).fallbackText).toBe('"30" is not allowed for max: it takes a number from 1 to 25 (papers per post).');
    expect((await say(app, "settings max")).fallbackText).toMatch(/max is 10 here; it takes a number from 1 to 25/);
    expect((await say(app, "settings min-upvotes -1")).fallbackText).toMatch(/0 to 10000/);
    expect((await say(app, "settings mode some")).fallbackText).toMatch(/all .* or topics/);
    expect((await say(app, "settings catch-up never")).fallbackText).toMatch(/latest .*all .*skip/);
    expect((await say(app, "settings thread maybe")).fallbackText).toMatch(/on .* or off/);
    expect(await stored()).toBeNull();
  });

  it("only channel managers may change the schedule or settings; anyone may read status", async () => {
    for (const line of ["schedule 09:00", "pause", "resume"]) {
      const reply = await say(app, line, { canManage: false });
      expect(reply.ephemeral).toBe(true);
      expect(reply.fallbackText).toMatch(/^Only channel managers can use \/papers \w+/);
    }
    for (const line of ["settings max 3", "settings max nonsense", "settings thread on"]) {
      const reply = await say(app, line, { canManage: false });
      expect(reply.ephemeral).toBe(true);
      expect(reply.fallbackText).toBe("Only channel managers can change /papers settings: it changes this channel for everyone. Ask one of them, or a workspace admin. Anyone can see the current values with /papers settings.");
    }
    expect(await stored()).toBeNull();
    expect((await say(app, "status", { canManage: false })).fallbackText).toMatch(/Schedule: none/);
  });

  it("anyone may show the settings, all of them or one, without manager rights", async () => {
    const shown = await say(app, "settings", { canManage: false });
    expect(shown.fallbackText).toMatch(/^Schedule: none/);
    expect(shown.fallbackText).toMatch(/Settings: .*10 papers/);
    expect((await say(app, "settings max", { canManage: false })).fallbackText).toMatch(/^max is 10 here; it takes a number from 1 to 25/);
    expect(await stored()).toBeNull();
    expect((await say(app, "help", { canManage: false })).fallbackText).toMatch(/\/papers settings.*: Show or change digest settings: .*\. Changing needs channel-manager rights\./);
  });

  it("pause and resume: the reason shows in status, resume clears it and the failure count", async () => {
    await say(app, "schedule 09:00 UTC");
    expect((await say(app, "pause", { id: "alice" })).fallbackText).toMatch(/Paused the daily digest here \(schedule kept: 09:00 UTC, every day\)/);
    expect((await say(app, "pause")).fallbackText).toMatch(/already paused \(paused by alice at 2026-08-01 09:00 UTC with \/papers pause\)/);
    expect(textOf(await say(app, "status"))).toMatch(/Paused: paused by alice at 2026-08-01 09:00 UTC/);
    await app.ports.channelSettings.put({ ...(await stored())!, failureCount: 3, lastError: "Missing Access: cannot post", pausedReason: "paused after 3 failed posts: Missing Access" });
    const resumed = await say(app, "resume");
    expect(resumed.fallbackText).toMatch(/^Resumed the daily digest here \(it was paused after 3 failed posts: Missing Access\)\. Next post: Sun 2026-08-02 09:00 UTC.*Missing Access: cannot post/);
    expect(await stored()).toMatchObject({ paused: false, pausedReason: null, failureCount: 0 });
    expect((await say(app, "resume")).fallbackText).toMatch(/not paused; nothing changed/);
  });

  it("status reports each source's last ingest, the next post and the last delivery with its outcome", async () => {
    app.cleanup();
    app = createTestApp({ clock: createFixedClock("2026-08-04T06:00:00Z") });
    expect((await ingestFile(app.core.ingests, HF_0803)).status).toBe("ok");
    await app.core.ingests.recent({ hf: app.sources.hf ?? undefined, today: "2026-08-04", refetchDays: 0 });
    await say(app, "schedule 08:00 Europe/Paris");
    const fake = createFakeChatAdapter({ platform: "shell", limits: null });
    const request = { conversation: CH, platform: "shell", digestDay: "2026-08-04", scheduledFor: "2026-08-04T06:00:00.000Z", late: false, owner: "t", cutoff: null };
    const [result] = await app.core.deliveries.run([request], new Map([["shell", fake]]), { concurrency: 1 });
    expect(result!.outcome.kind).toMatch(/sent|notice/);
    const status = await say(app, "status", { canManage: false });
    const text = textOf(status);
    expect(status.ephemeral).toBe(true);
    expect(status.blocks[0]).toEqual({ kind: "header", text: "Papers bot status for this channel" });
    expect(text).toMatch(/Schedule: 08:00 Europe\/Paris, every day/);
    expect(text).toMatch(/Next post: Wed 2026-08-05 08:00 Europe\/Paris \(2026-08-05 06:00 UTC\)/);
    expect(text).toMatch(/Last delivery: 2026-08-04: (sent \d+ papers?|posted a notice) at Tue 2026-08-04 08:00 Europe\/Paris/);
    expect(text).toMatch(/Last ingest: file:hf-daily-papers-2026-08-03-nodate-limit3-newsassistant\.json: ok at \d{4}-\d\d-\d\d \d\d:\d\d UTC, 3 new, 0 updated/);
    expect(text).toMatch(/hf \(list of 2026-08-04\): failed at [^:]+:\d\d UTC: 127\.0\.0\.1:9 is not answering/);
  });

  it("status on a fresh channel says nothing is scheduled or fetched yet", async () => {
    const text = textOf(await say(app, "status"));
    expect(text).toMatch(/Schedule: none/);
    expect(text).toMatch(/No daily post is scheduled here; set one with \/papers schedule 09:00 Europe\/Paris/);
    expect(text).toMatch(/No digest has been posted here yet/);
    expect(text).toMatch(/No papers have been fetched yet/);
  });
});

import { describe, expect, it } from "vitest";
import { isBotError } from "../../../src/core/errors.js";
import {
  formatDays,
  localParts,
  nextDue,
  parseDays,
  parsePostTime,
  parseTimezone,
  previousDue,
  recentSlots,
  zonedTimeToUtc,
  type ScheduleSettings,
} from "../../../src/core/digest/delivery-times.js";

const at = (day: string, time: string, tz: string) => zonedTimeToUtc(day, time, tz).toISOString();
const daily = (postTime: string, timezone: string, days = [1, 2, 3, 4, 5, 6, 7]): ScheduleSettings => ({ postTime, timezone, days });

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(isBotError(err) && err.code).toBe("INVALID_ARGS");
    return (err as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("local wall-clock time to UTC", () => {
  it("09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer", () => {
    expect(at("2026-01-15", "09:00", "Europe/Paris")).toBe("2026-01-15T08:00:00.000Z");
    expect(at("2026-07-15", "09:00", "Europe/Paris")).toBe("2026-07-15T07:00:00.000Z");
    expect(at("2026-07-15", "09:00", "America/New_York")).toBe("2026-07-15T13:00:00.000Z");
    expect(at("2026-01-15", "09:00", "America/New_York")).toBe("2026-01-15T14:00:00.000Z");
    expect(at("2026-07-15", "09:00", "Asia/Kolkata")).toBe("2026-07-15T03:30:00.000Z");
    expect(at("2026-07-15", "09:00", "UTC")).toBe("2026-07-15T09:00:00.000Z");
  });

  it("Paris spring-forward day (2026-03-29): 09:00 is already summer time, 02:30 fires at 03:00 CEST", () => {
    expect(at("2026-03-28", "09:00", "Europe/Paris")).toBe("2026-03-28T08:00:00.000Z");
    expect(at("2026-03-29", "09:00", "Europe/Paris")).toBe("2026-03-29T07:00:00.000Z");
    expect(at("2026-03-29", "02:30", "Europe/Paris")).toBe("2026-03-29T01:00:00.000Z");
    expect(at("2026-03-29", "02:00", "Europe/Paris")).toBe("2026-03-29T01:00:00.000Z");
    expect(at("2026-03-29", "03:00", "Europe/Paris")).toBe("2026-03-29T01:00:00.000Z");
    expect(at("2026-03-29", "01:59", "Europe/Paris")).toBe("2026-03-29T00:59:00.000Z");
  });

  it("Paris fall-back day (2026-10-25): 02:30 happens twice and fires once, at the first", () => {
    expect(at("2026-10-25", "02:30", "Europe/Paris")).toBe("2026-10-25T00:30:00.000Z");
    expect(at("2026-10-25", "09:00", "Europe/Paris")).toBe("2026-10-25T08:00:00.000Z");
    expect(at("2026-10-24", "09:00", "Europe/Paris")).toBe("2026-10-24T07:00:00.000Z");
  });

  it("New York spring-forward (2026-03-08) and fall-back (2026-11-01)", () => {
    expect(at("2026-03-08", "02:30", "America/New_York")).toBe("2026-03-08T07:00:00.000Z");
    expect(at("2026-03-08", "09:00", "America/New_York")).toBe("2026-03-08T13:00:00.000Z");
    expect(at("2026-03-07", "09:00", "America/New_York")).toBe("2026-03-07T14:00:00.000Z");
    expect(at("2026-11-01", "01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
    expect(at("2026-11-01", "09:00", "America/New_York")).toBe("2026-11-01T14:00:00.000Z");
  });

  it("reads an instant back as local date, time and ISO weekday", () => {
    expect(localParts(new Date("2026-08-03T23:30:00Z"), "Europe/Paris")).toEqual({ day: "2026-08-04", time: "01:30", isoWeekday: 2 });
    expect(localParts(new Date("2026-08-03T02:00:00Z"), "America/New_York")).toEqual({ day: "2026-08-02", time: "22:00", isoWeekday: 7 });
  });
});

describe("previousDue and nextDue", () => {
  it("a daily 09:00 Paris post across the spring-forward week fires at 08:00 then 07:00 UTC", () => {
    const s = daily("09:00", "Europe/Paris");
    const fired: string[] = [];
    let now = new Date("2026-03-27T00:00:00Z");
    for (let i = 0; i < 4; i++) {
      const next = nextDue(s, now)!;
      fired.push(next.at);
      now = new Date(next.at);
      expect(previousDue(s, now)).toEqual(next);
    }
    expect(fired).toEqual(["2026-03-27T08:00:00.000Z", "2026-03-28T08:00:00.000Z", "2026-03-29T07:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
  });

  it("a 01:30 New York post on the fall-back night fires once", () => {
    const s = daily("01:30", "America/New_York");
    const first = nextDue(s, new Date("2026-11-01T00:00:00Z"))!;
    expect(first).toEqual({ digestDay: "2026-11-01", at: "2026-11-01T05:30:00.000Z" });
    const after = nextDue(s, new Date("2026-11-01T06:00:00Z"))!;
    expect(after.digestDay).toBe("2026-11-02");
    expect(recentSlots(s, new Date("2026-11-01T07:00:00Z"), 1).map((x) => x.digestDay)).toEqual(["2026-10-31", "2026-11-01"]);
  });

  it("honours days: a weekday schedule skips the weekend; the digest day is the local date", () => {
    const s = daily("09:00", "Europe/Paris", [1, 2, 3, 4, 5]);
    expect(nextDue(s, new Date("2026-08-01T09:00:00Z"))).toEqual({ digestDay: "2026-08-03", at: "2026-08-03T07:00:00.000Z" });
    expect(previousDue(s, new Date("2026-08-02T12:00:00Z"))).toEqual({ digestDay: "2026-07-31", at: "2026-07-31T07:00:00.000Z" });
    const late = daily("00:30", "Asia/Tokyo", [1]);
    expect(nextDue(late, new Date("2026-08-01T00:00:00Z"))).toEqual({ digestDay: "2026-08-03", at: "2026-08-02T15:30:00.000Z" });
  });

  it("a due time equal to now is previous, not next; nothing scheduled gives null", () => {
    const s = daily("09:00", "UTC");
    const now = new Date("2026-08-01T09:00:00Z");
    expect(previousDue(s, now)?.digestDay).toBe("2026-08-01");
    expect(nextDue(s, now)?.digestDay).toBe("2026-08-02");
    expect(nextDue({ ...s, postTime: null }, now)).toBeNull();
    expect(previousDue({ ...s, days: [] }, now)).toBeNull();
  });
});

describe("parsing schedule input", () => {
  it("accepts 24-hour times and refuses 25:00, 9am and friends", () => {
    expect(parsePostTime("09:00")).toBe("09:00");
    expect(parsePostTime("9:05")).toBe("09:05");
    expect(parsePostTime("23:59")).toBe("23:59");
    for (const bad of ["25:00", "9am", "24:00", "12:60", "0900", "", "9:5", "noon"]) {
      expect(refusal(() => parsePostTime(bad))).toMatch(/24-hour HH:MM/);
    }
  });

  it("canonicalises IANA zones and refuses unknown ones with an example", () => {
    expect(parseTimezone("europe/paris")).toBe("Europe/Paris");
    expect(parseTimezone("America/New_York")).toBe("America/New_York");
    expect(parseTimezone("UTC")).toBe("UTC");
    expect(refusal(() => parseTimezone("Mars/Olympus"))).toBe('Unknown timezone "Mars/Olympus"; use a name like Europe/Paris or America/New_York');
    for (const bad of ["+01:00", "Paris", "", "Europe/Paris; DROP TABLE"]) expect(refusal(() => parseTimezone(bad))).toMatch(/Unknown timezone/);
  });

  it("parses day sets: ranges, lists, names, numbers and aliases", () => {
    expect(parseDays("mon-fri")).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays("weekdays")).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays("weekends")).toEqual([6, 7]);
    expect(parseDays("daily")).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseDays("mon,wed,fri")).toEqual([1, 3, 5]);
    expect(parseDays("Mon, Wed, FRI")).toEqual([1, 3, 5]);
    expect(parseDays("1,3,5")).toEqual([1, 3, 5]);
    expect(parseDays("fri-mon")).toEqual([1, 5, 6, 7]);
    expect(parseDays("tuesday thurs")).toEqual([2, 4]);
    expect(parseDays("mon,mon,1")).toEqual([1]);
  });

  it("refuses empty and odd day sets with what is allowed", () => {
    for (const bad of ["", " , ", "mo", "monkey", "8", "0", "mon-xyz", "funday", "1-9"]) {
      expect(refusal(() => parseDays(bad))).toMatch(/mon-fri, weekdays, weekends, daily/);
    }
  });

  it("labels day sets", () => {
    expect(formatDays([1, 2, 3, 4, 5, 6, 7])).toBe("every day");
    expect(formatDays([1, 2, 3, 4, 5])).toBe("weekdays (Mon-Fri)");
    expect(formatDays([6, 7])).toBe("weekends");
    expect(formatDays([1, 3, 5])).toBe("Mon, Wed, Fri");
  });
});

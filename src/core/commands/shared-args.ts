import { z } from "zod";
import { isDay } from "../clock.js";

/** A YYYY-MM-DD day that exists on the calendar. */
export const dayArg = z
  .string()
  .trim()
  .refine(isDay, { message: "Dates are written YYYY-MM-DD, e.g. 2026-07-31" });

/** Topic or query text (syntax checked later by parseTopicQuery). */
export const topicArg = z.string().trim().min(1, "Give a topic, e.g. tokenization").max(500, "Topics are limited to 500 characters; shorten it");

/** A paper id or URL as typed. */
export const paperArg = z
  .string({ message: "Give a paper id or link, e.g. 2410.17243" })
  .trim()
  .min(1, "Give a paper id or link, e.g. 2410.17243")
  .max(300, "That is too long for a paper id; paste an arXiv id like 2410.17243 or an arxiv.org link");

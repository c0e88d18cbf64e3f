import { plural } from "../chat/plural.js";
import type { OutboundMessage } from "../chat/message.js";
import { clip } from "../chat/clip.js";
import { toPaperCard } from "../chat/present-paper.js";
import type { RankedCandidate } from "../papers/rank-papers.js";

/** Longest fallback (notification) text of a digest message, in characters; longer text is cut with `…`. */
export const FALLBACK_MAX_CHARS = 300;

/** What a digest says, decided before composing. */
export interface DigestContent {
  /** Channel-local date of the post, YYYY-MM-DD. */
  digestDay: string;
  /** HF Daily Papers days the papers come from, ascending (for the header). */
  listDays: string[];
  /** The papers, ranked and capped, best first. */
  papers: readonly RankedCandidate[];
  /** The channel's topics when it is a topic channel; [] for all-papers channels. */
  topics: string[];
  /** True when posted after downtime, later than scheduled. */
  late: boolean;
}

/** A composed digest: the header, then one message per paper, in posting order. */
export interface ComposedDigest {
  /** The header message (date, count, topics, late marker). */
  header: OutboundMessage;
  /** One message per paper; `paperId` keys the ledger item `paper:<id>`. */
  items: { paperId: string; message: OutboundMessage }[];
}

/** Cuts a plain-text fallback to `max` characters with an ellipsis (the shared clip, trailing space dropped). */
function clipLine(text: string, max: number): string {
  return clip(text, max, { trimEnd: true });
}

/** The header's one-line context: count, source days, topics, late marker. */
function headerContext(content: DigestContent): string {
  const parts = [plural(content.papers.length, "paper")];
  if (content.listDays.length > 0) parts.push(`from Hugging Face Daily Papers ${content.listDays.join(", ")}`);
  if (content.topics.length > 0) parts.push(`topics: ${content.topics.join(", ")}`);
  if (content.late) parts.push("posted late (the bot was offline at post time)");
  return parts.join(" · ");
}

/** Composes a digest as platform-neutral messages (pure). */
export function composeDigest(content: DigestContent): ComposedDigest {
  const title = `Papers for ${content.digestDay}`;
  const context = headerContext(content);
  const header: OutboundMessage = {
    blocks: [
      { kind: "header", text: title },
      { kind: "context", text: context },
    ],
    fallbackText: clipLine(`${title}: ${context}`, FALLBACK_MAX_CHARS),
    ephemeral: false,
  };
  const items = content.papers.map((c, i) => {
    const card = toPaperCard(c.paper, { rank: i + 1, localVotes: c.localVotes, matched: c.matched });
    const votes = card.hfUpvotes !== null ? ` (▲ ${card.hfUpvotes})` : "";
    const message: OutboundMessage = {
      blocks: [
        { kind: "paper", paper: card },
        {
          kind: "actions",
          buttons: [
            { action: "summary", label: "Summary", value: c.paper.id },
            { action: "upvote", label: "Upvote", value: c.paper.id },
            ...(content.topics.length > 0
              ? [
                  { action: "more", label: "More like this", value: c.paper.id },
                  { action: "less", label: "Not this", value: c.paper.id },
                ]
              : []),
          ],
        },
      ],
      fallbackText: `${i + 1}. ${clipLine(card.title, FALLBACK_MAX_CHARS - card.url.length - votes.length - 10)}${votes} ${card.url}`,
      ephemeral: false,
    };
    return { paperId: c.paper.id, message };
  });
  return { header, items };
}

/** A one-line public notice, e.g. "no new papers: arXiv holiday". */
export function composeNotice(text: string): OutboundMessage {
  const line = clipLine(text.replace(/\s+/g, " ").trim(), FALLBACK_MAX_CHARS);
  return { blocks: [{ kind: "text", text: line }], fallbackText: line, ephemeral: false };
}

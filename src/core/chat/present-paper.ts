import type { Link, OutboundMessage, PaperCard, PaperData } from "./message.js";
import type { Paper } from "../papers/paper.js";
import { paperLinks } from "../papers/paper-id.js";
import { oneLineSummary } from "../papers/extractive-summary.js";

/** Extra per-listing facts for a card. */
export interface CardExtras {
  /** Rank in the listing, from 1. */
  rank: number;
  /** Local upvotes in this channel. */
  localVotes?: number;
  /** "matched: ..." explanation for topic channels. */
  matched?: string | null;
  /** Search excerpt. */
  snippet?: string | null;
}

/** "A. Smith, B. Jones, C. Wu et al." — at most `max` names. */
export function shortenAuthors(authors: string[], max = 3): string {
  if (authors.length === 0) return "Unknown authors";
  if (authors.length <= max) return authors.join(", ");
  return `${authors.slice(0, max).join(", ")} et al.`;
}

/** The paper's links: arXiv, PDF, HF page, code and project page when known. */
export function linksFor(paper: Paper): Link[] {
  const base = paperLinks(paper.id);
  const links: Link[] = [
    { label: "arXiv", url: base.abs },
    { label: "PDF", url: base.pdf },
  ];
  if (paper.hfUpvotes !== null || paper.dailyDates.length > 0) links.push({ label: "HF", url: base.hf });
  if (paper.githubRepo && /^https?:\/\//.test(paper.githubRepo)) links.push({ label: "Code", url: paper.githubRepo });
  if (paper.projectPage && /^https?:\/\//.test(paper.projectPage)) links.push({ label: "Project", url: paper.projectPage });
  return links;
}

/** Builds the platform-neutral card for a paper. */
export function toPaperCard(paper: Paper, extras: CardExtras): PaperCard {
  const base = paperLinks(paper.id);
  return {
    id: paper.id,
    title: paper.title,
    url: paper.dailyDates.length > 0 ? base.hf : base.abs,
    authors: shortenAuthors(paper.authors),
    hfUpvotes: paper.hfUpvotes,
    localVotes: extras.localVotes ?? 0,
    summary: oneLineSummary(paper),
    links: linksFor(paper).filter((l) => l.label === "Code" || l.label === "Project" || l.label === "arXiv"),
    thumbnail: paper.thumbnail,
    matched: extras.matched ?? null,
    snippet: extras.snippet ?? null,
    rank: extras.rank,
  };
}

/** A paper as data for `--json` renderers, with what the reply adds. */
export function paperData(paper: Paper, extra: Record<string, unknown> = {}, localVotes = 0): PaperData {
  return {
    id: paper.id,
    title: paper.title,
    upvotes: paper.hfUpvotes ?? 0,
    localVotes,
    authors: paper.authors,
    url: paperLinks(paper.id).abs,
    aiSummary: paper.aiSummary,
    categories: paper.categories,
    dailyDates: paper.dailyDates,
    ...extra,
  };
}

/** A one-line text reply, ephemeral by default (confirmations and errors). */
export function textReply(text: string, ephemeral = true): OutboundMessage {
  return { blocks: [{ kind: "text", text }], fallbackText: text, ephemeral };
}

/** A public listing: header, optional context line, then one paper block per card. */
export function listingReply(header: string, context: string | null, cards: PaperCard[]): OutboundMessage {
  const lines = cards.map((c) => `${c.rank}. ${c.title} (${c.id})`);
  return {
    blocks: [
      { kind: "header", text: header },
      ...(context ? [{ kind: "context" as const, text: context }] : []),
      ...cards.map((paper) => ({ kind: "paper" as const, paper })),
    ],
    fallbackText: [header, ...lines].join("\n"),
    ephemeral: false,
  };
}

import { wordFamily } from "./word-family.js";

/** Another way a research concept is written, with how much one occurrence of it counts. */
export interface Expansion {
  /** The words, in order (one word or an adjacent phrase); each word matches its word family. */
  words: readonly string[];
  /** Evidence per occurrence relative to the query term itself (1 = as good as the term). */
  weight: number;
  /** When set, the expansion only counts if one of these words also occurs somewhere in the paper. */
  requires?: readonly string[];
  /** Where it comes from, for explanations: the curated list below (default) or the research vocabulary. */
  source?: "curated" | "vocabulary";
}

/** A curated concept: the query words that trigger it and what they expand to. */
interface Concept {
  /** Query forms that trigger it: a word (matched through its family) or a phrase. */
  heads: readonly string[];
  /** The expansions added as alternatives to the query term. */
  expansions: readonly Expansion[];
  /** Phrases naming another sense of the term; occurrences inside them do not count (`diffusion MRI`). */
  ignore?: readonly string[];
}

/** What curation adds to a query term. */
export interface ConceptRules {
  /** Alternatives that count as the term. */
  expansions: readonly Expansion[];
  /** Other-sense phrases (space-separated words) whose occurrences do not count. */
  ignore: readonly string[];
}

const e = (text: string, weight = 1, requires?: readonly string[]): Expansion =>
  requires ? { words: text.split(" "), weight, requires } : { words: text.split(" "), weight };

/**
 * Light, precision-first expansions for common research topics. Weights below 1 are for
 * expansions that are on topic only some of the time; with the match threshold they then
 * need a title/keyword hit or several mentions. Directional: `rag` expands to
 * "retrieval augmented generation", but `subword` does not expand to all of tokenization.
 */
const CONCEPTS: readonly Concept[] = [
  {
    heads: ["tokenization"],
    expansions: [
      e("bpe"), e("byte pair encoding"), e("subword", 0.8), e("sentencepiece"), e("wordpiece"),
      e("byte level", 0.6), e("vocabulary", 0.5, ["token", "tokens", "subword", "subwords", "bpe"]),
    ],
  },
  {
    heads: ["speculative decoding"],
    expansions: [
      e("speculative sampling"), e("speculative inference"),
      e("speculative generation", 0.8), e("draft then verify", 0.8), e("lookahead decoding", 0.8),
    ],
  },
  {
    heads: ["reinforcement learning"],
    expansions: [
      e("rl"), e("rlhf"), e("rlvr"), e("rlaif"), e("grpo"), e("ppo", 0.8),
      e("policy gradient", 0.8), e("policy optimization", 0.6), e("q learning"),
    ],
  },
  {
    heads: ["retrieval augmented generation", "retrieval augmented"],
    expansions: [e("rag"), e("retrieval augmented"), e("retrieval augmentation"), e("graphrag")],
  },
  {
    heads: ["rag"],
    expansions: [e("retrieval augmented generation"), e("retrieval augmented"), e("retrieval augmentation"), e("graphrag")],
  },
  {
    heads: ["quantization"],
    expansions: [
      e("ptq"), e("qat"), e("gptq"), e("awq"), e("low bit", 0.7), e("int4", 0.6), e("int8", 0.6),
      e("4 bit", 0.6), e("fp8", 0.5), e("1 bit", 0.6),
    ],
    ignore: ["vector quantization", "lookup free quantization", "finite scalar quantization", "product quantization"],
  },
  { heads: ["mixture of experts"], expansions: [e("moe")] },
  { heads: ["moe"], expansions: [e("mixture of experts")] },
  {
    heads: ["diffusion"],
    expansions: [e("ddpm"), e("ddim"), e("score based generative")],
    ignore: [
      "diffusion mri", "diffusion weighted", "diffusion tensor", "diffusion imaging", "information diffusion",
      "diffusion coefficient", "anomalous diffusion", "heat diffusion",
    ],
  },
  { heads: ["flow matching"], expansions: [e("rectified flow"), e("stochastic interpolants", 0.8)] },
  {
    heads: ["agent"],
    expansions: [e("agentic"), e("multiagent")],
    ignore: ["contrast agent", "antimicrobial agent", "therapeutic agent", "chemotherapeutic agent", "chemical agent", "anticancer agent"],
  },
];

/** No curation for this term. */
const NONE: ConceptRules = { expansions: [], ignore: [] };

/** Trigger key → rules. A one-word head is keyed by every member of its word family. */
const BY_KEY: ReadonlyMap<string, ConceptRules> = buildIndex(CONCEPTS);

function buildIndex(concepts: readonly Concept[]): Map<string, ConceptRules> {
  const index = new Map<string, ConceptRules>();
  for (const concept of concepts) {
    for (const head of concept.heads) {
      const keys = head.includes(" ") ? [head] : wordFamily(head);
      for (const key of keys) {
        const prev = index.get(key) ?? NONE;
        index.set(key, {
          expansions: [...prev.expansions, ...concept.expansions],
          ignore: [...prev.ignore, ...(concept.ignore ?? [])],
        });
      }
    }
  }
  return index;
}

/** The curated rules for a query word or phrase (given as its words); empty when none. */
export function conceptFor(words: readonly string[]): ConceptRules {
  return BY_KEY.get(words.join(" ")) ?? NONE;
}

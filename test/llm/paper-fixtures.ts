import { latexmlPage } from "../fakes/llm/fake-arxiv-html.js";

/** The abstract of the main test paper. */
export const SPARSEMIX_ABSTRACT =
  "We introduce SparseMix, a mixture-of-experts language model that routes each token to two experts. " +
  "SparseMix matches dense models of the same quality while using 40% less compute at inference. " +
  "We evaluate on GSM8K, MMLU and HumanEval. Our code and weights are released under the Apache 2.0 license.";

/** A sentence only the full text holds (so tests can tell the full text was sent). */
export const TRAINING_SENTENCE = "We train SparseMix on 1.2 trillion tokens of public web text.";

/** The arXiv HTML page of the main test paper. */
export const SPARSEMIX_HTML = latexmlPage({
  title: "SparseMix: Cheap Experts",
  abstract: SPARSEMIX_ABSTRACT,
  sections: [
    {
      title: "Introduction",
      paragraphs: [
        "Large language models are expensive to serve, and most of the cost is spent on tokens that need little computation.",
        "Mixture-of-experts models address this by activating only a few experts per token, but routing is often unstable.",
      ],
    },
    {
      title: "Training",
      paragraphs: [
        `${TRAINING_SENTENCE} Training took 21 days on 512 accelerators.`,
        "The router is trained with an auxiliary load-balancing loss weighted by 0.01, which keeps every expert in use.",
      ],
    },
    {
      title: "Results",
      paragraphs: ["On GSM8K SparseMix reaches 71.2% accuracy, against 70.8% for the dense baseline of the same quality."],
    },
  ],
});

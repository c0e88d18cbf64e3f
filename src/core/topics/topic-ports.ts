import type { TopicFeedbackStore } from "./channel-feedback.js";
import type { TopicAssociationStore } from "./learn-associations.js";
import type { SemanticSimilarity } from "./semantic-similarity.js";

/** What topic matching reads beyond the words: learned associations, channel feedback and optional embeddings. */
export interface TopicPorts {
  /** Co-occurrence counts and each channel's dropped terms. */
  associations: TopicAssociationStore;
  /** Each channel's feedback on its topics' papers. */
  feedback: TopicFeedbackStore;
  /** Embedding similarity, or null when no embeddings endpoint is configured (the default). */
  semantic: SemanticSimilarity | null;
  /** The fewest papers counted before learned terms join any topic (config `topics.learnAfterPapers`). */
  learnAfterPapers: number;
}

CREATE TABLE "embeddings" (
	"cache_key" text PRIMARY KEY NOT NULL,
	"vector" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_cooccurrence" (
	"topic_key" text NOT NULL,
	"term" text NOT NULL,
	"papers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "topic_cooccurrence_topic_key_term_pk" PRIMARY KEY("topic_key","term")
);
--> statement-breakpoint
CREATE TABLE "topic_dropped_terms" (
	"conversation" text NOT NULL,
	"topic_key" text NOT NULL,
	"term" text NOT NULL,
	"dropped_by" text NOT NULL,
	"dropped_at" text NOT NULL,
	CONSTRAINT "topic_dropped_terms_conversation_topic_key_term_pk" PRIMARY KEY("conversation","topic_key","term")
);
--> statement-breakpoint
CREATE TABLE "topic_feedback" (
	"conversation" text NOT NULL,
	"topic_key" text NOT NULL,
	"paper_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"ai_keywords" text DEFAULT '[]' NOT NULL,
	"at" text NOT NULL,
	CONSTRAINT "topic_feedback_conversation_topic_key_paper_id_user_id_pk" PRIMARY KEY("conversation","topic_key","paper_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "topic_feedback_paper" ON "topic_feedback" USING btree ("conversation","paper_id");
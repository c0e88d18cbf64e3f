CREATE TABLE "vote_sources" (
	"conversation" text NOT NULL,
	"paper_id" text NOT NULL,
	"user_id" text NOT NULL,
	"source" text NOT NULL,
	"workspace" text NOT NULL,
	"at" text NOT NULL,
	CONSTRAINT "vote_sources_conversation_paper_id_user_id_source_pk" PRIMARY KEY("conversation","paper_id","user_id","source")
);

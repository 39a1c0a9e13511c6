CREATE TABLE "card_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"platform" text NOT NULL,
	"target" text NOT NULL,
	"address" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_conversations" (
	"platform" text NOT NULL,
	"conversation_id" text NOT NULL,
	"reference" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_conversations_platform_conversation_id_pk" PRIMARY KEY("platform","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "origin" jsonb;--> statement-breakpoint
ALTER TABLE "card_posts" ADD CONSTRAINT "card_posts_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_posts_request_target_uq" ON "card_posts" USING btree ("request_id","platform","target");
CREATE TABLE "audit_pending" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"request_id" text,
	"actor" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"content_hash" text NOT NULL
);

ALTER TABLE "requests" ADD COLUMN "remind_every_seconds" integer;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "escalate_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "escalation" jsonb;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "on_timeout" text DEFAULT 'expire' NOT NULL;
ALTER TABLE "requests" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "requests_pending_dedupe_uq" ON "requests" USING btree ("dedupe_key") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "requests_pending_requester_idx" ON "requests" USING btree ("requester_type","requester_id") WHERE status = 'pending';
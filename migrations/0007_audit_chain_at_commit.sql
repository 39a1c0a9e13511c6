-- Chain audit events at commit. A transaction stages its events in audit_pending; this
-- deferred trigger moves each onto the end of audit_events when the transaction commits.
-- The advisory lock that orders the chain is therefore held only from the start of the
-- commit to its end, not for the whole transaction: appends no longer queue behind each
-- other's network round trips. seq is drawn under the lock, so seq order is chain order and
-- a reader paging by seq never sees a lower seq appear later.
-- hash = sha256(prev_hash || content_hash), where content_hash is the SHA-256 of the event's
-- canonical JSON computed by the application (hash-audit-event.ts); verify recomputes both.
CREATE FUNCTION audit_pending_chain() RETURNS trigger AS $$
DECLARE
  prev text;
BEGIN
  -- Under a snapshot older than the lock, the last row read below would be stale and the chain
  -- would fork: refuse rather than write a broken link.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be written in a READ COMMITTED transaction, not %',
      current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(1668249966); -- 0x636f756e, "coun": the one audit chain
  SELECT hash INTO prev FROM audit_events ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_events (id, at, type, request_id, actor, data, prev_hash, hash)
    VALUES (NEW.event_id, NEW.at, NEW.type, NEW.request_id, NEW.actor, NEW.data, prev,
            encode(sha256(convert_to(prev || NEW.content_hash, 'UTF8')), 'hex'));
  DELETE FROM audit_pending WHERE seq = NEW.seq;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_pending_chain AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_pending_chain();
--> statement-breakpoint
-- Only the trigger above appends to audit_events (it runs at trigger depth 1, so its INSERT
-- fires this at depth 2): an INSERT from anywhere else would sit outside the ordering lock.
CREATE FUNCTION audit_events_refuse_direct_insert() RETURNS trigger AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'audit_events is appended at commit through audit_pending: direct INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_direct_insert BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_direct_insert();

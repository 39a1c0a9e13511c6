-- Chain audit events after commit, in batches (replaces the deferred trigger of 0007). That
-- trigger held the chain's advisory lock through each commit, WAL flush included, so every
-- transaction that wrote an event committed one at a time (bench/ingest: half the WAL flushes
-- of the baseline were lost to it). Events now wait in audit_pending, committed atomically with
-- the change they describe, until audit_chain_pending() appends them to audit_events. Every
-- countersign process calls it in the background every 100 ms, and every reader of the trail
-- (GET /v1/audit, audit verify, audit export) calls it first, waiting for the lock: a reader sees
-- every event committed before it read. seq is still drawn under the lock, so seq order is chain
-- order and a reader paging by seq never sees a lower seq appear later.
DROP TRIGGER audit_pending_chain ON audit_pending;
--> statement-breakpoint
DROP FUNCTION audit_pending_chain();
--> statement-breakpoint
-- hash = sha256(prev_hash || content_hash), as before (hash-audit-event.ts; verify recomputes both).
-- Appends up to max_events staged events, oldest staged first; returns how many. With wait false
-- it returns 0 at once when another session is chaining.
CREATE FUNCTION audit_chain_pending(max_events integer, wait boolean) RETURNS integer AS $$
DECLARE
  prev text;
  event record;
  chained bigint[] := '{}';
BEGIN
  -- Under a snapshot older than the lock, the last row read below would be stale and the chain
  -- would fork: refuse rather than write a broken link.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit events must be chained in a READ COMMITTED transaction, not %',
      current_setting('transaction_isolation');
  END IF;
  IF wait THEN
    PERFORM pg_advisory_xact_lock(1668249966); -- 0x636f756e, "coun": the one audit chain
  ELSIF NOT pg_try_advisory_xact_lock(1668249966) THEN
    RETURN 0;
  END IF;
  SELECT hash INTO prev FROM audit_events ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  PERFORM set_config('countersign.audit_chaining', 'on', true);
  FOR event IN SELECT * FROM audit_pending ORDER BY seq LIMIT max_events LOOP
    INSERT INTO audit_events (id, at, type, request_id, actor, data, prev_hash, hash)
      VALUES (event.event_id, event.at, event.type, event.request_id, event.actor, event.data, prev,
              encode(sha256(convert_to(prev || event.content_hash, 'UTF8')), 'hex'))
      RETURNING hash INTO prev;
    chained := chained || event.seq;
  END LOOP;
  PERFORM set_config('countersign.audit_chaining', '', true);
  DELETE FROM audit_pending WHERE seq = ANY (chained);
  RETURN cardinality(chained);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Only audit_chain_pending() appends to audit_events: an INSERT from anywhere else would sit
-- outside the ordering lock.
CREATE OR REPLACE FUNCTION audit_events_refuse_direct_insert() RETURNS trigger AS $$
BEGIN
  IF coalesce(current_setting('countersign.audit_chaining', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit_events is appended through audit_pending by audit_chain_pending(): direct INSERT refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

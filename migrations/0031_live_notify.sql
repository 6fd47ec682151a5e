-- Live dashboard pages: a NOTIFY on channel ihub_live, payload '<topic>:<tenant id>', after a change a page shows.
-- Inserts notify once per statement (transition tables: a batch of a thousand rows sends one notification per tenant),
-- and PostgreSQL folds identical payloads within a transaction into one. Updates notify per row, and only when a column
-- a page shows changed: the hot paths touch these rows all the time (a hook's last delivery on every webhook, a
-- connection's rate-limit figures on every provider call) and must not pay a NOTIFY, which takes a global lock at
-- commit. Deliveries, poll streams and the inbox have no trigger: pages read those on a timer.
CREATE FUNCTION ihub_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ihub_live', TG_ARGV[0] || ':' || t.tenant_id::text)
    FROM (SELECT DISTINCT tenant_id FROM changed WHERE tenant_id IS NOT NULL) t;
    RETURN NULL;
END $$;

CREATE FUNCTION ihub_live_notify_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ihub_live', TG_ARGV[0] || ':' || NEW.tenant_id::text);
    RETURN NULL;
END $$;

CREATE TRIGGER live_events_insert AFTER INSERT ON events REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('events');
CREATE TRIGGER live_audit_insert AFTER INSERT ON audit_log REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('audit');
CREATE TRIGGER live_connections_insert AFTER INSERT ON connections REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('connections');
CREATE TRIGGER live_connections_delete AFTER DELETE ON connections REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('connections');
CREATE TRIGGER live_connections_update AFTER UPDATE ON connections FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_reason IS DISTINCT FROM NEW.status_reason
          OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.watch_mode IS DISTINCT FROM NEW.watch_mode
          OR OLD.sync_mode IS DISTINCT FROM NEW.sync_mode OR OLD.discovery_status IS DISTINCT FROM NEW.discovery_status
          OR OLD.discovered_count IS DISTINCT FROM NEW.discovered_count OR OLD.discovery_error IS DISTINCT FROM NEW.discovery_error
          OR OLD.cleanup_status IS DISTINCT FROM NEW.cleanup_status OR OLD.cleanup_notes IS DISTINCT FROM NEW.cleanup_notes)
    EXECUTE FUNCTION ihub_live_notify_row('connections');
CREATE TRIGGER live_hooks_insert AFTER INSERT ON hooks REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('hooks');
CREATE TRIGGER live_hooks_update AFTER UPDATE ON hooks FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.last_error IS DISTINCT FROM NEW.last_error)
    EXECUTE FUNCTION ihub_live_notify_row('hooks');

-- Clean-up and discovery progress show when the provider's rate limit paused the work (connections.rate_limited_until)
-- and why a clean-up failed (cleanup_error), so a change of either notifies the live pages too. It is written only when a provider answers "rate limited"
-- (RateLimitGate), not on every call like rate_limit_remaining, so the hot paths still pay no NOTIFY. Discovery's
-- found-count (discovered_count, one UPDATE per committed page) and hooks' status were already in 0031's lists.
DROP TRIGGER live_connections_update ON connections;
CREATE TRIGGER live_connections_update AFTER UPDATE ON connections FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_reason IS DISTINCT FROM NEW.status_reason
          OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.watch_mode IS DISTINCT FROM NEW.watch_mode
          OR OLD.sync_mode IS DISTINCT FROM NEW.sync_mode OR OLD.discovery_status IS DISTINCT FROM NEW.discovery_status
          OR OLD.discovered_count IS DISTINCT FROM NEW.discovered_count OR OLD.discovery_error IS DISTINCT FROM NEW.discovery_error
          OR OLD.cleanup_status IS DISTINCT FROM NEW.cleanup_status OR OLD.cleanup_notes IS DISTINCT FROM NEW.cleanup_notes
          OR OLD.cleanup_error IS DISTINCT FROM NEW.cleanup_error OR OLD.rate_limited_until IS DISTINCT FROM NEW.rate_limited_until)
    EXECUTE FUNCTION ihub_live_notify_row('connections');

-- Live dashboard pages: a NOTIFY on channel ihub_live, payload '<topic>:<tenant id>', after each statement that changes
-- what a page shows. Statement-level with transition tables, so a batch of a thousand rows sends one notification per
-- tenant, and PostgreSQL folds identical payloads within a transaction into one. The high-rate tables (deliveries, poll
-- streams, inbox) have no trigger: pages read those on a timer instead of adding a NOTIFY to every webhook's commit.
CREATE FUNCTION ihub_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ihub_live', TG_ARGV[0] || ':' || t.tenant_id::text)
    FROM (SELECT DISTINCT tenant_id FROM changed WHERE tenant_id IS NOT NULL) t;
    RETURN NULL;
END $$;

CREATE TRIGGER live_events_insert AFTER INSERT ON events REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('events');
CREATE TRIGGER live_audit_insert AFTER INSERT ON audit_log REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('audit');
CREATE TRIGGER live_connections_insert AFTER INSERT ON connections REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('connections');
CREATE TRIGGER live_connections_update AFTER UPDATE ON connections REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('connections');
CREATE TRIGGER live_connections_delete AFTER DELETE ON connections REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('connections');
CREATE TRIGGER live_repositories_insert AFTER INSERT ON repositories REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('repositories');
CREATE TRIGGER live_repositories_update AFTER UPDATE ON repositories REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('repositories');
CREATE TRIGGER live_hooks_insert AFTER INSERT ON hooks REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('hooks');
CREATE TRIGGER live_hooks_update AFTER UPDATE ON hooks REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION ihub_live_notify('hooks');

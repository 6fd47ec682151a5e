-- The webhook ingress keeps hooks in memory on every web node (WebhookIntake/HookDirectory) and drops them when told to:
-- a NOTIFY on channel ihub_hook_directory, payload 'h:<hook id>' when a column the ingress reads changes or the hook is
-- deleted, 'c:<connection id>' when a connection's status changes or it is deleted (every hook of it is dropped).
--
-- Row triggers with a WHEN list, not statement triggers with transition tables: PostgreSQL refuses transition tables on
-- an UPDATE OF column list, so a statement trigger would run (and copy every row) on each of the hot paths' counter
-- stamps (accepted_count, last_delivery_at, rejected_count, recovered_by_poll_count), which must not pay for it. The WHEN
-- list is checked without calling any function, so those updates fire nothing.
--
-- Big statements: a disconnect or clean-up changes thousands of hooks of one connection in one statement. Past the first
-- 64 hook notes of a transaction (counted in a transaction-local setting) a hook sends its connection's note instead,
-- and PostgreSQL folds identical payloads within a transaction into one: one 'c:' per connection, not 10,000 'h:'.
CREATE FUNCTION ihub_hook_directory_note(hook_id uuid, connection_id uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    sent integer := coalesce(nullif(current_setting('ihub.hook_directory_notes', true), ''), '0')::integer;
BEGIN
    IF sent < 64 THEN
        PERFORM set_config('ihub.hook_directory_notes', (sent + 1)::text, true);
        PERFORM pg_notify('ihub_hook_directory', 'h:' || hook_id::text);
    ELSE
        PERFORM pg_notify('ihub_hook_directory', 'c:' || connection_id::text);
    END IF;
END $$;

CREATE FUNCTION ihub_hook_directory_hook() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- OLD's connection: that is the one the nodes hold the hook under (a moved hook's new connection holds it nowhere yet).
    PERFORM ihub_hook_directory_note(OLD.id, OLD.connection_id);
    RETURN NULL;
END $$;

CREATE FUNCTION ihub_hook_directory_connection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ihub_hook_directory', 'c:' || OLD.id::text);
    RETURN NULL;
END $$;

CREATE TRIGGER hook_directory_hooks_update AFTER UPDATE ON hooks FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.secret_protected IS DISTINCT FROM NEW.secret_protected
          OR OLD.previous_secret_protected IS DISTINCT FROM NEW.previous_secret_protected
          OR OLD.previous_secret_expires_at IS DISTINCT FROM NEW.previous_secret_expires_at
          OR OLD.basic_username IS DISTINCT FROM NEW.basic_username OR OLD.provider IS DISTINCT FROM NEW.provider
          OR OLD.connection_id IS DISTINCT FROM NEW.connection_id OR OLD.repository_id IS DISTINCT FROM NEW.repository_id
          OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
    EXECUTE FUNCTION ihub_hook_directory_hook();
CREATE TRIGGER hook_directory_hooks_delete AFTER DELETE ON hooks FOR EACH ROW
    EXECUTE FUNCTION ihub_hook_directory_hook();
CREATE TRIGGER hook_directory_connections_update AFTER UPDATE OF status ON connections FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION ihub_hook_directory_connection();
CREATE TRIGGER hook_directory_connections_delete AFTER DELETE ON connections FOR EACH ROW
    EXECUTE FUNCTION ihub_hook_directory_connection();

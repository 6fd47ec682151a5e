-- One GitHub App webhook for many tenants (issue 16, part 4). The app's deliveries arrive at one URL per app
-- (WebhookIntake/AppWebhookEndpoint.cs) and are routed by installation id to the app connection holding it.
--
-- Each app connection's share of the app webhook is a hooks row of its own (app_webhook, no repository, no secret: the
-- app's webhook secret verifies): its deliveries are stored, deduplicated, counted, processed, listed and retained
-- exactly as a repository hook's, and every feature that reads hooks at the provider already skips hooks without a
-- repository. Made by the ingress the first time the connection receives a delivery.
ALTER TABLE hooks ADD COLUMN app_webhook boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX ux_hooks_app_webhook ON hooks (connection_id) WHERE app_webhook AND status <> 'removed';

-- installation.suspend: the connection stays, paused (no poll, no actions) until installation.unsuspend.
ALTER TABLE connections ADD COLUMN github_suspended_at timestamptz;

-- Verified deliveries for an installation no connection holds (installed at GitHub but not attached to a tenant, or
-- attached and since removed): answered and counted here for operators, never processed. github_app_id null: the
-- platform app.
CREATE TABLE github_app_unknown_installations (
    github_app_id       uuid REFERENCES github_apps (id) ON DELETE CASCADE,
    app_id              bigint NOT NULL,
    installation_id     bigint NOT NULL,
    account_login       text,
    last_event          text,
    deliveries          bigint NOT NULL,
    first_at            timestamptz NOT NULL,
    last_at             timestamptz NOT NULL,
    UNIQUE NULLS NOT DISTINCT (github_app_id, app_id, installation_id)
);

-- The web nodes keep installation routes and tenant apps' webhook secrets in memory (WebhookIntake/AppWebhookDirectory.cs),
-- dropped on the hook directory's channel (migration 0033): a connection moved to another installation or app sends its
-- 'c:' note like a status change does; a tenant app whose webhook secret changes or that is deleted sends 'a:<id>'.
CREATE TRIGGER hook_directory_connections_installation AFTER UPDATE OF github_app_id, github_installation_id ON connections FOR EACH ROW
    WHEN (OLD.github_app_id IS DISTINCT FROM NEW.github_app_id OR OLD.github_installation_id IS DISTINCT FROM NEW.github_installation_id)
    EXECUTE FUNCTION ihub_hook_directory_connection();

CREATE FUNCTION ihub_hook_directory_github_app() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ihub_hook_directory', 'a:' || OLD.id::text);
    RETURN NULL;
END $$;

CREATE TRIGGER hook_directory_github_apps_update AFTER UPDATE ON github_apps FOR EACH ROW
    WHEN (OLD.webhook_secret_protected IS DISTINCT FROM NEW.webhook_secret_protected OR OLD.app_id IS DISTINCT FROM NEW.app_id)
    EXECUTE FUNCTION ihub_hook_directory_github_app();
CREATE TRIGGER hook_directory_github_apps_delete AFTER DELETE ON github_apps FOR EACH ROW
    EXECUTE FUNCTION ihub_hook_directory_github_app();

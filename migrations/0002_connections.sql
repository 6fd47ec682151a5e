-- A tenant's link to one account on one provider instance. Tokens and client secrets are stored only encrypted
-- (columns ending in _protected hold Data Protection ciphertext).
CREATE TABLE connections (
    id                          uuid PRIMARY KEY,
    tenant_id                   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    provider                    text NOT NULL CHECK (provider IN ('github', 'gitlab', 'bitbucket-cloud', 'bitbucket-dc', 'azure-devops')),
    base_url                    text NOT NULL,
    display_name                text NOT NULL,
    account_id                  text NOT NULL,
    account_login               text NOT NULL,
    scopes                      text[] NOT NULL DEFAULT '{}',
    status                      text NOT NULL CHECK (status IN ('active', 'needs_reauthorization', 'disconnected', 'revoked')),
    status_reason               text,
    auth_kind                   text NOT NULL CHECK (auth_kind IN ('oauth_platform', 'oauth_tenant', 'pat', 'webhook_only')),
    client_id                   text,
    client_secret_protected     text,
    access_token_protected      text,
    refresh_token_protected     text,
    access_token_expires_at     timestamptz,
    token_refreshed_at          timestamptz,
    ca_bundle_pem               text,
    project_key                 text,
    repository_slug             text,
    watch_mode                  text NOT NULL DEFAULT 'all' CHECK (watch_mode IN ('all', 'selected')),
    discovery_status            text NOT NULL DEFAULT 'pending' CHECK (discovery_status IN ('pending', 'running', 'done', 'failed')),
    discovery_started_at        timestamptz,
    discovery_finished_at       timestamptz,
    discovered_count            integer NOT NULL DEFAULT 0,
    discovery_error             text,
    rate_limit_remaining        integer,
    rate_limit_reset_at         timestamptz,
    cleanup_status              text CHECK (cleanup_status IN ('pending', 'done', 'failed')),
    cleanup_error               text,
    created_by                  uuid,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    revoked_by                  uuid,
    revoked_reason              text
);
-- Reconnecting the same account on the same instance updates the connection instead of adding one.
CREATE UNIQUE INDEX ux_connections_account ON connections (tenant_id, provider, base_url, account_id);
CREATE INDEX ix_connections_status ON connections (status);

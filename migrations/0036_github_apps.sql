-- GitHub Apps (issue 16). The platform app lives in settings (Hub:GitHubApp:*); a tenant on GitHub Enterprise Server
-- registers its own, stored here with its client secret, private key and webhook secret encrypted by the key ring under
-- a purpose of their own (Secrets/SecretPurposes.cs), one app per tenant and instance.
CREATE TABLE github_apps (
    id                          uuid PRIMARY KEY,
    tenant_id                   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    base_url                    text NOT NULL,
    app_id                      bigint NOT NULL,
    slug                        text NOT NULL,
    client_id                   text NOT NULL,
    client_secret_protected     text NOT NULL,
    private_key_protected       text NOT NULL,
    webhook_secret_protected    text NOT NULL,
    ca_bundle_pem               text,
    created_by                  uuid,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    UNIQUE (tenant_id, base_url)
);

-- Installation access tokens (one hour at GitHub), shared by every node: encrypted, with their expiry. A node refreshes
-- one under an advisory lock keyed by app and installation and re-reads the row after taking it
-- (ProviderAccess/GitHubApps/InstallationTokens.cs). github_app_id null: the platform app, whose GitHub app id is app_id.
CREATE TABLE github_installation_tokens (
    id                  uuid PRIMARY KEY,
    github_app_id       uuid REFERENCES github_apps (id) ON DELETE CASCADE,
    app_id              bigint NOT NULL,
    installation_id     bigint NOT NULL,
    token_protected     text NOT NULL,
    expires_at          timestamptz NOT NULL,
    refreshed_at        timestamptz NOT NULL,
    UNIQUE NULLS NOT DISTINCT (github_app_id, app_id, installation_id)
);

-- A connection made by installing an app: which app (null: the platform app) and which installation.
ALTER TABLE connections
    ADD COLUMN github_app_id uuid REFERENCES github_apps (id),
    ADD COLUMN github_installation_id bigint,
    DROP CONSTRAINT connections_auth_kind_check,
    ADD CONSTRAINT connections_auth_kind_check CHECK (auth_kind IN ('oauth_platform', 'oauth_tenant', 'pat', 'webhook_only', 'github_app'));
CREATE INDEX connections_github_installation ON connections (github_installation_id) WHERE github_installation_id IS NOT NULL;

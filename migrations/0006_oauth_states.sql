-- Pending OAuth authorizations. One row per started connect flow: the PKCE verifier and the tenant's own client
-- secret stay here (encrypted), never in the browser. The callback consumes the row once; it is good for 10 minutes.
CREATE TABLE oauth_states (
    id                          uuid PRIMARY KEY,
    tenant_id                   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    user_id                     uuid NOT NULL,
    provider                    text NOT NULL,
    auth_kind                   text NOT NULL CHECK (auth_kind IN ('oauth_platform', 'oauth_tenant')),
    base_url                    text NOT NULL,
    client_id                   text NOT NULL,
    client_secret_protected     text,
    ca_bundle_pem               text,
    code_verifier_protected     text,
    redirect_uri                text NOT NULL,
    created_at                  timestamptz NOT NULL,
    expires_at                  timestamptz NOT NULL,
    consumed_at                 timestamptz
);
CREATE INDEX ix_oauth_states_expires ON oauth_states (expires_at);

-- Owners invite people by e-mail with a role. The link carries a random 32-byte token (base64url); only its SHA-256
-- is kept, as for API keys (a fast hash is right for 256 random bits). Single use (accepted_at), expiring (expires_at)
-- and revocable (revoked_at); a row is never deleted, so the members page and the audit log can say what happened.
CREATE TABLE invitations (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email       text NOT NULL CHECK (length(email) BETWEEN 3 AND 256),
    role        text NOT NULL CHECK (role IN ('owner', 'member')),
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
    revoked_at  timestamptz,
    CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX ix_invitations_tenant_pending ON invitations (tenant_id, created_at)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

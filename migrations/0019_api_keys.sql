-- API keys: a tenant's downstream products call /api/v1 with `Authorization: Bearer ihub_...`.
--
-- Only a SHA-256 of the key is stored. A key is 32 bytes from the system's CSPRNG (256 bits), so nobody can guess
-- or brute-force it from the hash; a slow password hash (PBKDF2, bcrypt) exists to stretch low-entropy human
-- passwords and would only add hundreds of milliseconds to every API call. A fast hash also makes the lookup an
-- index equality on `hash`, with no per-key salt to try.
--
-- "Every use audited": one audit entry per API call would flood the audit log (a consumer polling events makes
-- thousands a day). Creation and revocation of keys and every write through the API (actions, subscriptions) are
-- audited with the key's name; reads are recorded here as last_used_at and a per-day use count, written in batches at
-- most once a minute per key and node, and shown on the keys page.
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix          text NOT NULL,
    hash            bytea NOT NULL CHECK (length(hash) = 32),
    scopes          text[] NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL,
    created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    last_used_at    timestamptz,
    usage_day       date,
    uses_today      integer NOT NULL DEFAULT 0,
    revoked_at      timestamptz,
    revoked_by      uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (hash);
CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id, created_at);

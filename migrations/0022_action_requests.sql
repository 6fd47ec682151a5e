-- Idempotency keys of the actions API (POST /api/v1/.../comments, /reply, /statuses): a retried request with the same
-- Idempotency-Key gets the first answer back instead of a second comment at the provider.
--
-- A row is claimed (status 'in_progress') before the provider is called and completed with the answer afterwards.
-- request_hash is SHA-256 of method, path and the request body, so the same key on a different request is refused.
-- Keys live 24 hours; the actions code deletes expired rows itself as it claims new ones (ix_action_requests_created).
CREATE TABLE action_requests (
    tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    idempotency_key     text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    request_hash        bytea NOT NULL CHECK (length(request_hash) = 32),
    status              text NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response_status     integer,
    response_body       text,
    created_at          timestamptz NOT NULL,
    completed_at        timestamptz,
    PRIMARY KEY (tenant_id, idempotency_key)
);
CREATE INDEX ix_action_requests_created ON action_requests (created_at);

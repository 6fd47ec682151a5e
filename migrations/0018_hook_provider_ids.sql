-- Removal and rotation ask whether another connection's live hook row records the same provider hook id (left from
-- before hooks were told apart by connection); this keeps that question an index lookup on large installations.
CREATE INDEX ix_hooks_provider_hook_id ON hooks (provider, provider_hook_id) WHERE provider_hook_id IS NOT NULL;

-- The webhook ingress's group commit (issue 14) inserts every verified delivery under two foreign-key checks, one on
-- tenants and one on hooks: each is a lookup and a row lock (KEY SHARE) written into the parent row, per delivery. In the
-- ingest benchmark they were a quarter of PostgreSQL's CPU per stored delivery (about 145 against 110 µs, same machine,
-- runs taken in turns), and the ingress is the one path that must keep up with the providers.
-- What they guarded is held otherwise: the ingress writes the hook id and tenant id of a hook it has just read (the hook
-- directory, kept current by change notes), and the hub never deletes a hook or a tenant (disconnect and revoke mark
-- hooks removed and keep them, so the delivery log can still show their deliveries). connection_id and repository_id
-- were never foreign keys, for the same reason. Should tenants ever be deleted, that deletion removes their deliveries
-- itself, as the retention job removes old ones.
ALTER TABLE deliveries DROP CONSTRAINT deliveries_tenant_id_fkey, DROP CONSTRAINT deliveries_hook_id_fkey;

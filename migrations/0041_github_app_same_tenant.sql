-- A connection's own GitHub App (issue 16) belongs to the connection's tenant: the single-column reference of 0036 let a
-- connection of one tenant name another tenant's app, whose key would then mint tokens for it. The reference now
-- carries the tenant (github_app_id null, the platform app, is not checked: MATCH SIMPLE).
ALTER TABLE github_apps ADD CONSTRAINT github_apps_id_tenant_unique UNIQUE (id, tenant_id);
ALTER TABLE connections
    DROP CONSTRAINT connections_github_app_id_fkey,
    ADD CONSTRAINT connections_github_app_same_tenant FOREIGN KEY (github_app_id, tenant_id) REFERENCES github_apps (id, tenant_id);

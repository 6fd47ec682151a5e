-- Installing a GitHub App (issue 16): the install flow keeps its pending state in oauth_states like an OAuth connect
-- (Connect/GitHubAppInstall.cs), and one installation of one app is one connection, whichever tenant holds it
-- (github_app_id null: the platform app, so nulls are not distinct).
ALTER TABLE oauth_states
    DROP CONSTRAINT oauth_states_auth_kind_check,
    ADD CONSTRAINT oauth_states_auth_kind_check CHECK (auth_kind IN ('oauth_platform', 'oauth_tenant', 'github_app'));
CREATE UNIQUE INDEX connections_github_app_installation_unique ON connections (github_app_id, github_installation_id) NULLS NOT DISTINCT
    WHERE github_installation_id IS NOT NULL;

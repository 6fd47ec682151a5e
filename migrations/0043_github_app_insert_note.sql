-- A new tenant GitHub App sends its 'a:<id>' note too (issue 16): the web nodes keep tenant app ids no github_apps row has
-- (WebhookIntake/AppWebhookDirectory.cs), so posts to /webhooks/github-app/{id} with an unknown id cost no read each, and
-- the app's creation must drop such a miss at once, as its update and deletion drop a kept app (migration 0040).
--
-- One function for the three triggers, replacing 0040's (which named OLD only, NULL on insert): the note says which app
-- changed, whatever the change, in one place.
CREATE OR REPLACE FUNCTION ihub_hook_directory_github_app() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ihub_hook_directory', 'a:' || (CASE WHEN TG_OP = 'INSERT' THEN NEW.id ELSE OLD.id END)::text);
    RETURN NULL;
END $$;

CREATE TRIGGER hook_directory_github_apps_insert AFTER INSERT ON github_apps FOR EACH ROW
    EXECUTE FUNCTION ihub_hook_directory_github_app();

-- Disconnect and revoke remove a connection's hooks in the background (a remove_hooks work item), so what the clean-up
-- has to tell the person (delete the PAT yourself, the provider cannot revoke, remove the webhook you added) is kept on
-- the row until the pages show it, rather than only in the answer to the request that started it.
ALTER TABLE connections ADD COLUMN cleanup_notes text;

-- Discovery resumes where it stopped: the provider's page cursor is stored after each page, so a node that dies or a
-- rate limit that postpones the work loses nothing. register_attempts lets hook registration skip the "list hooks,
-- is one of ours already there?" call when no earlier attempt can have created a hook (halving calls for new repositories).
ALTER TABLE connections ADD COLUMN discovery_cursor text;
ALTER TABLE connections ADD COLUMN discovery_pages integer NOT NULL DEFAULT 0;
ALTER TABLE hooks ADD COLUMN register_attempts integer NOT NULL DEFAULT 0;

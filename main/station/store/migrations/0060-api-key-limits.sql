-- Per-key rate limits (issue 13): NULL means the station's default (integrations.rateLimitPerMinute,
-- integrations.rateLimitBurst), so changing the default moves every key that has no figures of its own.
ALTER TABLE api_keys ADD COLUMN rate_per_minute INTEGER CHECK (rate_per_minute IS NULL OR rate_per_minute > 0);
ALTER TABLE api_keys ADD COLUMN rate_burst INTEGER CHECK (rate_burst IS NULL OR rate_burst > 0);

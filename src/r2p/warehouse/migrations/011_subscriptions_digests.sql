-- Subscriptions and digests: who asked to hear about what, each digest drafted for one recipient (approved by a
-- person before it leaves), the changes each digest covered (so none is told twice) and every delivery attempt.
CREATE SEQUENCE subscription_id_seq START 1;
CREATE TABLE subscription (
    subscription_id  INTEGER PRIMARY KEY DEFAULT nextval('subscription_id_seq'),
    address          VARCHAR NOT NULL,     -- an e-mail address, lower-cased
    countries        VARCHAR[],            -- ISO3 codes; NULL = every country
    min_tier         VARCHAR,              -- NULL = every tier
    rules            VARCHAR[],            -- trigger rule ids; NULL = every rule
    min_level        INTEGER,              -- reviews at this escalation level or higher; NULL = every level
    created_by       VARCHAR NOT NULL,
    created_at       TIMESTAMP NOT NULL
);

CREATE SEQUENCE digest_id_seq START 1;
CREATE TABLE digest_draft (
    draft_id     INTEGER PRIMARY KEY DEFAULT nextval('digest_id_seq'),
    recipient    VARCHAR NOT NULL,
    drafted_at   TIMESTAMP NOT NULL,
    subject      VARCHAR NOT NULL,
    body         VARCHAR NOT NULL,         -- plain text, links included
    approved_by  VARCHAR,                  -- NULL until a person approves it: nothing leaves before
    approved_at  TIMESTAMP
);

CREATE TABLE digest_item (
    draft_id   INTEGER NOT NULL,
    recipient  VARCHAR NOT NULL,
    item_key   VARCHAR NOT NULL           -- what changed, e.g. review-opened:12, tier:ensemble-1:MMR:2025
);

CREATE TABLE delivery (
    draft_id         INTEGER NOT NULL,
    channel          VARCHAR NOT NULL,     -- smtp | webhook | folder
    status           VARCHAR NOT NULL,     -- sent | failed (a failed one is retried on the next run)
    attempts         INTEGER NOT NULL,
    last_attempt_at  TIMESTAMP NOT NULL,
    sent_at          TIMESTAMP,
    error            VARCHAR,
    PRIMARY KEY (draft_id, channel)
);

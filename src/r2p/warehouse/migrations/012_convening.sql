-- The convenor's worksheet (scenarios and actors) and the key judgements an editor approves, one row per saved
-- version: nothing is edited in place, the latest version of a country is the one shown.
CREATE TABLE worksheet (
    iso3        VARCHAR NOT NULL,
    version     INTEGER NOT NULL,
    content     VARCHAR NOT NULL,   -- JSON: perpetrators (name, motive, means, opportunity) and the lists
    edited_by   VARCHAR NOT NULL,
    edited_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (iso3, version)
);
CREATE TABLE judgement (
    iso3            VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    key_judgements  VARCHAR NOT NULL,   -- JSON list of sentences
    what_changed    VARCHAR NOT NULL,
    approved        BOOLEAN NOT NULL,
    edited_by       VARCHAR NOT NULL,
    edited_at       TIMESTAMP NOT NULL,
    approved_by     VARCHAR,
    approved_at     TIMESTAMP,
    PRIMARY KEY (iso3, version)
);

-- Release vintages: the release of its source each load belongs to, and the values a newer release superseded.
-- NOTE: `observation` and `event` keep only current values (each key from the newest release of its source),
-- so every reader sees the release in force without a filter; superseded values move to the *_vintage tables.
CREATE TABLE ingest_release (
    ingest_id  INTEGER PRIMARY KEY,
    release    VARCHAR,              -- e.g. 'EWP 2025', 'UCDP BRD 25.1', 'V-Dem v15'; NULL = cannot be known
    version    INTEGER[],            -- orders one source's releases: [2025], [25, 1]; NULL = unknown, before any
    published  DATE,                 -- publication date where the publisher states it
    stated_by  VARCHAR NOT NULL      -- file name | file content | user | unknown
);

CREATE TABLE observation_vintage (
    iso3          VARCHAR NOT NULL,
    indicator_id  VARCHAR NOT NULL,
    period        INTEGER NOT NULL,
    value         DOUBLE NOT NULL,
    ingest_id     INTEGER NOT NULL
);

CREATE TABLE event_vintage (
    event_id       VARCHAR NOT NULL,
    source_id      VARCHAR NOT NULL,
    iso3           VARCHAR NOT NULL,
    event_date     DATE NOT NULL,
    admin1         VARCHAR,
    latitude       DOUBLE,
    longitude      DOUBLE,
    violence_type  INTEGER,
    deaths_best    INTEGER,
    deaths_low     INTEGER,
    deaths_high    INTEGER,
    source_ref     VARCHAR,
    ingest_id      INTEGER NOT NULL
);

-- Every load with its release and the release's rank among its source's releases (1 = oldest; an unknown
-- release ranks before any known one; a release with a later publication date ranks after one without).
CREATE VIEW load_release AS
SELECT i.ingest_id, i.source_id, s.is_demo, r.release, r.version, r.published,
       coalesce(r.stated_by, 'unknown') AS stated_by,
       dense_rank() OVER (PARTITION BY i.source_id
                          ORDER BY r.version ASC NULLS FIRST, r.published ASC NULLS FIRST) AS release_rank
FROM ingest i
JOIN source s USING (source_id)
LEFT JOIN ingest_release r USING (ingest_id);

-- Every value any release stated, current or vintage, with the release it came from.
CREATE VIEW observation_release AS
SELECT o.iso3, o.indicator_id, o.period, o.value, o.ingest_id, true AS is_current FROM observation o
UNION ALL
SELECT v.iso3, v.indicator_id, v.period, v.value, v.ingest_id, false AS is_current FROM observation_vintage v;

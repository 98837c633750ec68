-- A scratch database for the cost curve: the attached warehouse's country, source and ingest tables, and an
-- empty event table of the same shape; then the warehouse is detached.
CREATE TABLE country AS FROM warehouse.country;
CREATE TABLE source AS FROM warehouse.source;
CREATE TABLE ingest AS FROM warehouse.ingest;
CREATE TABLE event AS FROM warehouse.event LIMIT 0;
DETACH warehouse;

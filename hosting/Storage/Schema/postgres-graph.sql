-- Fleet's graph store (PostgreSQL, cluster mode): one row per entity, per held relationship and per key.
-- Partitions load their rows by primary-key prefix on activation; nothing scans these tables at query time.
CREATE TABLE IF NOT EXISTS fleet_graph_entities
(
    account_id    TEXT    NOT NULL,
    partition_key TEXT    NOT NULL,  -- '{class}/{p}'
    id            TEXT    NOT NULL,
    entity_key    TEXT    NOT NULL,
    class         TEXT    NOT NULL,
    type          TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    properties    TEXT    NOT NULL,  -- JSON object of plain values
    system_owned  INTEGER NOT NULL,
    system_properties TEXT NOT NULL,  -- JSON array: the property names the system published last
    PRIMARY KEY (account_id, partition_key, id)
);

-- A relationship is held by the partition of its 'from' and by the partition of its 'to': one row each.
CREATE TABLE IF NOT EXISTS fleet_graph_relationships
(
    account_id   TEXT    NOT NULL,
    partition_no INTEGER NOT NULL,
    id           TEXT    NOT NULL,
    class        TEXT    NOT NULL,
    from_id      TEXT    NOT NULL,
    to_id        TEXT    NOT NULL,
    properties   TEXT    NOT NULL,
    PRIMARY KEY (account_id, partition_no, id)
);

CREATE TABLE IF NOT EXISTS fleet_graph_keys
(
    account_id   TEXT    NOT NULL,
    partition_no INTEGER NOT NULL,
    entity_key   TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    class        TEXT    NOT NULL,
    system_owned INTEGER NOT NULL,
    PRIMARY KEY (account_id, partition_no, entity_key)
);

CREATE TABLE IF NOT EXISTS fleet_graph_catalog
(
    account_id TEXT NOT NULL PRIMARY KEY,
    catalog    TEXT NOT NULL              -- JSON: partition counts and the classes with their types
);

-- Graph rows the database refused for what they contain (a constraint, a character the encoding cannot hold): kept
-- here for the operator instead of being retried forever (docs/reliability.md, "Poison writes").
CREATE TABLE IF NOT EXISTS fleet_quarantine
(
    id          BIGSERIAL PRIMARY KEY,
    at_ms       BIGINT NOT NULL,
    account_id  TEXT   NOT NULL,
    table_name  TEXT   NOT NULL,              -- the table the row was meant for
    row_key     TEXT   NOT NULL,              -- partition and row id
    error       TEXT   NOT NULL,
    payload     TEXT   NOT NULL               -- the row as JSON (control characters escaped)
);

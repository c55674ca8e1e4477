-- Fleet's own tables (PostgreSQL). Idempotent: applied at every start by SchemaMigrator.
-- Times are Unix milliseconds (UTC) in both providers, so the same SQL serves both.

-- Every change of a check's status (and of the overall status "$status" and connectivity "$online") of
-- every device: only changes, never one row per report. (device_id, revision, check_id) makes a retried
-- append a no-op.
CREATE TABLE IF NOT EXISTS fleet_check_history (
    account_id  TEXT    NOT NULL,
    device_id   TEXT    NOT NULL,
    revision    BIGINT  NOT NULL,
    check_id    TEXT    NOT NULL,
    at_ms       BIGINT  NOT NULL,
    old_status  TEXT    NULL,
    new_status  TEXT    NULL,
    waived      INTEGER NOT NULL DEFAULT 0,
    detail      TEXT    NULL,
    PRIMARY KEY (device_id, revision, check_id)
);
CREATE INDEX IF NOT EXISTS ix_fleet_check_history_account_at ON fleet_check_history (account_id, at_ms);
CREATE INDEX IF NOT EXISTS ix_fleet_check_history_device_check_at ON fleet_check_history (device_id, check_id, at_ms);

-- Last confirming report and last sign of life per device, checkpointed by the device grain every few minutes.
CREATE TABLE IF NOT EXISTS fleet_device_activity (
    device_id       TEXT    NOT NULL PRIMARY KEY,
    account_id      TEXT    NOT NULL,
    last_report_ms  BIGINT  NULL,
    last_seen_ms    BIGINT  NULL
);
CREATE INDEX IF NOT EXISTS ix_fleet_device_activity_account ON fleet_device_activity (account_id);

-- Directory partitions of an account's devices and persons: one row per member, written once.
CREATE TABLE IF NOT EXISTS fleet_account_members (
    account_id  TEXT    NOT NULL,
    kind        INTEGER NOT NULL,
    part_no     INTEGER NOT NULL,
    member_id   TEXT    NOT NULL,
    PRIMARY KEY (account_id, kind, part_no, member_id)
);

-- Every grain's persisted state (FleetGrainStorage): one row per grain and state name. version is the ETag a
-- write must name (optimistic concurrency between activations); a cleared state keeps its row with payload NULL.
CREATE TABLE IF NOT EXISTS fleet_grain_state (
    grain_id    TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    version     BIGINT  NOT NULL,
    payload     BYTEA   NULL,
    PRIMARY KEY (grain_id, state_name)
);

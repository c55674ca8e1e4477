-- Orleans ADO.NET grain persistence on PostgreSQL (Fleet:Storage:GrainStorage = AdoNet; unused with GroupCommit).
-- Fleet's own script, written to the provider's query contract (OrleansQuery keys, @parameters, result column
-- names): Orleans ships no schema in its packages. Idempotent: tables IF NOT EXISTS, functions OR REPLACE,
-- queries upserted. Sorted after postgres-orleans.sql, which creates OrleansQuery (repeated here, harmlessly).

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer NOT NULL,
    GrainIdN0              bigint NOT NULL,
    GrainIdN1              bigint NOT NULL,
    GrainTypeHash          integer NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea NULL,
    ModifiedOn             timestamptz NOT NULL,
    Version                integer NULL
);

-- Unique (unlike the upstream script): two activations racing to create the same state cannot both insert.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, COALESCE(GrainIdExtensionString, ''), ServiceId);

CREATE OR REPLACE FUNCTION fleet_write_to_storage(
    grain_id_hash integer, grain_id_n0 bigint, grain_id_n1 bigint, grain_type_hash integer,
    grain_type_string varchar, grain_id_extension_string varchar, service_id varchar,
    grain_state_version integer, payload_binary bytea)
RETURNS TABLE(NewGrainStateVersion integer) LANGUAGE plpgsql AS $$
DECLARE n integer := 0;
BEGIN
    IF grain_state_version IS NOT NULL THEN
        UPDATE OrleansStorage SET PayloadBinary = payload_binary, ModifiedOn = now(), Version = Version + 1
        WHERE GrainIdHash = grain_id_hash AND GrainTypeHash = grain_type_hash
          AND GrainIdN0 = grain_id_n0 AND GrainIdN1 = grain_id_n1 AND GrainTypeString = grain_type_string
          AND COALESCE(GrainIdExtensionString, '') = COALESCE(grain_id_extension_string, '')
          AND ServiceId = service_id AND Version = grain_state_version;
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN n > 0 THEN grain_state_version + 1 ELSE grain_state_version END;
    ELSE
        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                                    GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        VALUES (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string,
                grain_id_extension_string, service_id, payload_binary, now(), 1)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN QUERY SELECT CASE WHEN n > 0 THEN 1 ELSE NULL::integer END;
    END IF;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
    SELECT * FROM fleet_write_to_storage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
'),
('ReadFromStorageKey', '
    SELECT PayloadBinary, Version FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
      AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId;
'),
('ClearStorageKey', '
    UPDATE OrleansStorage SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
      AND COALESCE(GrainIdExtensionString, '''') = COALESCE(@GrainIdExtensionString, '''')
      AND ServiceId = @ServiceId AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

using System.Diagnostics;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using Npgsql;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// Merges the staging table of one import into <c>people</c>, <c>exposures</c> and <c>import_rejects</c>, inside the
/// import's transaction. One sort ranks the valid rows by NIR index: the first row of each NIR is the one merged,
/// the others are duplicates in the file. People already in the registry are found once; the others are inserted and
/// get their exposure in the same statement, in id order. Imports run one at a time (an advisory lock taken by
/// <see cref="BeginAsync"/>), so nothing else inserts people meanwhile and no ON CONFLICT is needed (it costs as much as the insert itself).
/// </summary>
/// <remarks>
/// A bulk merge (as many new people as the registry holds, and at least <see cref="RegistryImportOptions.BulkMergeMinimumRows"/>)
/// drops the identifier indexes of <c>people</c> and builds them again after the insert: PostgreSQL sorts a million
/// keys into a new index several times faster than it inserts them one by one. Until the import commits, other
/// sessions wait for the registry: only a file that at least doubles it pays that. (The first national load, into an
/// empty registry, is a <see cref="DirectLoad"/>.)
/// </remarks>
internal sealed partial class StagingMerge(NpgsqlConnection connection, long batchId, ILogger logger)
{
    private const long MergeLock = 0x5265_6769_7374_7279; // "Registry"

    /// <summary>The indexes a bulk merge rebuilds: every index of people over a column the merge fills.</summary>
    private static readonly string[] RebuiltIndexes =
        ["ix_people_nir_index", "ix_people_france_travail_id_index", "ix_people_email_index", "ix_people_phone_index"];

    /// <summary>What a direct load builds again on an empty <c>exposures</c>: its primary key and its index.</summary>
    private static readonly string[] ExposureKeys = ["pk_exposures", "ix_exposures_person_id"];

    /// <returns>The number of exposures created: rows imported.</returns>
    public async Task<long> MergeAsync(
        Incident incident, DataCategories fileCategories, string keyId, DateTimeOffset now, long validRows, long bulkMinimumRows, CancellationToken cancellationToken)
    {
        var (exposedFromFile, exposedForAll) = Exposed(incident, fileCategories);

        // Ranked on the NIR index and line alone: sorting the sealed payloads along would move ten times the bytes.
        // Without statistics the planner takes a staging table of a million rows for a few thousand, and looks each
        // one up in people by index where one hash join over the registry is several times faster.
        await ExecuteAsync("rank", """
            ANALYZE import_staging;
            CREATE TEMP TABLE import_ranked ON COMMIT DROP AS
            SELECT line, nir_index, row_number() OVER same_nir AS rank, first_value(line) OVER same_nir AS first_line
            FROM import_staging WHERE reason IS NULL
            WINDOW same_nir AS (PARTITION BY nir_index ORDER BY line);
            ANALYZE import_ranked
            """, cancellationToken);
        await ExecuteAsync("rejects", """
            INSERT INTO import_rejects (batch_id, line, field, reason)
            SELECT $1, line, field, reason FROM import_staging WHERE reason IS NOT NULL
            """, cancellationToken, batchId);
        await ExecuteAsync("known-people", """
            CREATE TEMP TABLE import_known ON COMMIT DROP AS
            SELECT r.line, r.nir_index, s.held, p.id AS person_id, p.first_batch_id, p.first_line
            FROM import_ranked r
                JOIN people p ON p.nir_index = r.nir_index
                JOIN import_staging s ON s.line = r.line AND s.reason IS NULL
            WHERE r.rank = 1;
            ANALYZE import_known
            """, cancellationToken);
        // After a direct load, held-back repeats of a NIR meet the person its first line has just made: they are
        // duplicates of that line, not of the first held-back one.
        var duplicates = await ExecuteAsync("duplicates", """
            INSERT INTO import_rejects (batch_id, line, field, reason, same_as_line)
            SELECT $1, r.line, 'nir', $2, coalesce(k.first_line, r.first_line)
            FROM import_ranked r LEFT JOIN import_known k ON k.nir_index = r.nir_index AND k.first_batch_id = $1
            WHERE r.rank > 1 OR k.nir_index IS NOT NULL
            """, cancellationToken, batchId, RejectReasons.DuplicateInFile);
        var known = await connection.ScalarAsync<long>("SELECT count(*) FROM import_known WHERE first_batch_id <> $1", cancellationToken, batchId);

        var newRows = validRows - duplicates - known;
        var bulk = newRows >= bulkMinimumRows && newRows >= await PeopleEstimateAsync(cancellationToken);
        var rebuild = bulk ? await DropIndexesAsync(cancellationToken) : [];

        var inserted = await ExecuteAsync("new-people", """
            WITH inserted AS (
                INSERT INTO people (nir_index, france_travail_id_index, email_index, phone_index, payload, key_id, held_data, first_batch_id, first_line, created_at)
                SELECT s.nir_index, s.ft_index, s.email_index, s.phone_index, s.payload, $6, s.held, $4, s.line, $5
                FROM import_ranked r JOIN import_staging s ON s.line = r.line AND s.reason IS NULL
                WHERE r.rank = 1 AND NOT EXISTS (SELECT 1 FROM import_known k WHERE k.nir_index = r.nir_index)
                RETURNING id, held_data)
            INSERT INTO exposures (incident_id, person_id, categories, batch_id, created_at)
            SELECT $1, id, (held_data & $2) | $3, $4, $5 FROM inserted
            """, cancellationToken, incident.Id, exposedFromFile, exposedForAll, batchId, now, keyId);

        await BuildAsync(rebuild, cancellationToken);

        var reexposed = await ExecuteAsync("known-exposures", """
            INSERT INTO exposures (incident_id, person_id, categories, batch_id, created_at)
            SELECT $1, person_id, (held & $2) | $3, $4, $5 FROM import_known ORDER BY person_id
            ON CONFLICT (incident_id, person_id) DO NOTHING
            """, cancellationToken, incident.Id, exposedFromFile, exposedForAll, batchId, now);
        await ExecuteAsync("already-in-incident", """
            INSERT INTO import_rejects (batch_id, line, field, reason)
            SELECT $1, k.line, 'nir', $2
            FROM import_known k JOIN exposures e ON e.incident_id = $3 AND e.person_id = k.person_id
            WHERE e.batch_id <> $1
            """, cancellationToken, batchId, RejectReasons.AlreadyInIncident, incident.Id);
        return inserted + reexposed;
    }

    /// <summary>
    /// Takes the registry for this import's transaction (imports run one at a time, so nothing else inserts people
    /// meanwhile) and tells whether it holds nobody yet: then the import is a <see cref="DirectLoad"/>.
    /// </summary>
    public async Task<bool> BeginAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("lock", "SELECT pg_advisory_xact_lock($1)", cancellationToken, MergeLock);
        // Sorting and hashing millions of rows in memory rather than in temporary files: the server's memory, for
        // this transaction only.
        await ExecuteAsync("memory", "SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '1GB'", cancellationToken);
        return !await connection.ScalarAsync<bool>("SELECT EXISTS (SELECT FROM people)", cancellationToken);
    }

    /// <summary>
    /// After a <see cref="DirectLoad"/>: the identifier indexes built once, and the exposures of the people it wrote.
    /// The lines it held back are then settled by <see cref="MergeAsync"/>.
    /// </summary>
    /// <returns>The exposures created: people imported by the direct load.</returns>
    public async Task<long> CompleteDirectLoadAsync(
        Incident incident, DataCategories fileCategories, DateTimeOffset now, IReadOnlyList<(string Name, string Definition)> rebuild, CancellationToken cancellationToken)
    {
        await BuildAsync(rebuild, cancellationToken);

        // With nobody in the registry there is nobody exposed either, but a purge keeps rows: checked, not assumed.
        var noExposures = !await connection.ScalarAsync<bool>("SELECT EXISTS (SELECT FROM exposures)", cancellationToken);
        // Building them afterwards from sorted keys costs half of maintaining them row by row (measured at 1 M and 3 M).
        var exposureIndexes = noExposures ? await DropKeysAsync("exposures", ExposureKeys, cancellationToken) : [];
        var (exposedFromFile, exposedForAll) = Exposed(incident, fileCategories);
        var exposures = await ExecuteAsync("exposures", """
            INSERT INTO exposures (incident_id, person_id, categories, batch_id, created_at)
            SELECT $1, id, (held_data & $2) | $3, $4, $5 FROM people WHERE first_batch_id = $4
            """, cancellationToken, incident.Id, exposedFromFile, exposedForAll, batchId, now);
        await BuildAsync(exposureIndexes, cancellationToken);
        return exposures;
    }

    private async Task BuildAsync(IReadOnlyList<(string Name, string Definition)> indexes, CancellationToken cancellationToken)
    {
        foreach (var (name, definition) in indexes)
        {
            await ExecuteAsync($"index {name}", definition, cancellationToken);
        }
    }

    /// <summary>What an exposure records: the file's categories a person's line holds, and the incident's others for everyone.</summary>
    private static (long FromFile, long ForAll) Exposed(Incident incident, DataCategories fileCategories) =>
        ((long)(incident.ExposedData & fileCategories), (long)(incident.ExposedData & ~fileCategories));

    private async Task<long> PeopleEstimateAsync(CancellationToken cancellationToken)
    {
        // The planner's estimate, kept up to date by (auto)vacuum and index builds; never analysed means never filled.
        return await connection.ScalarAsync<long>("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'people'::regclass", cancellationToken);
    }

    /// <returns>The dropped indexes' definitions, to build them again exactly as the migrations made them.</returns>
    public Task<List<(string Name, string Definition)>> DropIndexesAsync(CancellationToken cancellationToken) =>
        DropKeysAsync("people", RebuiltIndexes, cancellationToken);

    /// <summary>
    /// Drops indexes of <paramref name="table"/> (a primary key as its constraint) and returns the statements that make
    /// them again from their own definitions, so they come back exactly as the migrations made them.
    /// </summary>
    private async Task<List<(string Name, string Definition)>> DropKeysAsync(string table, string[] names, CancellationToken cancellationToken)
    {
        List<(bool IsConstraint, string Name, string Definition)> keys;
        await using (var command = PortalSql.Command(connection, """
            SELECT c.oid IS NOT NULL, i.indexname,
                CASE WHEN c.oid IS NULL THEN i.indexdef
                    ELSE format('ALTER TABLE %I ADD CONSTRAINT %I %s', i.tablename, c.conname, pg_get_constraintdef(c.oid)) END
            FROM pg_indexes i LEFT JOIN pg_constraint c ON c.conrelid = $1::regclass AND c.conname = i.indexname
            WHERE i.schemaname = current_schema() AND i.tablename = $1 AND i.indexname = ANY($2)
            ORDER BY 2
            """, [table, names]))
        {
            keys = await command.ListAsync(reader => (reader.GetBoolean(0), reader.GetString(1), reader.GetString(2)), cancellationToken);
        }

        if (keys.Count == 0)
        {
            return [];
        }

        var drops = keys.Select(k => k.IsConstraint ? $"ALTER TABLE {table} DROP CONSTRAINT {k.Name}" : $"DROP INDEX {k.Name}");
        await ExecuteAsync($"drop-indexes {table}", string.Join("; ", drops), cancellationToken);
        return [.. keys.Select(k => (k.Name, k.Definition))];
    }

    /// <returns>The rows the statements changed.</returns>
    private async Task<long> ExecuteAsync(string step, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        var clock = Stopwatch.StartNew();
        await using var command = PortalSql.Command(connection, sql, parameters);

        // One step of a national load may outlast any fixed limit; the import as a whole is what callers cancel.
        command.CommandTimeout = 0;

        var rows = Math.Max(await command.ExecuteNonQueryAsync(cancellationToken), 0);
        LogStep(logger, batchId, step, rows, clock.ElapsedMilliseconds);
        return rows;
    }

    [LoggerMessage(EventId = 4004, EventName = "ImportStep", Level = LogLevel.Information, Message = "Import {BatchId}: {Step} took {Milliseconds} ms ({Rows} rows).")]
    private static partial void LogStep(ILogger logger, long batchId, string step, long rows, long milliseconds);
}

using System.Threading.Channels;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Registry.Import.Csv;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// Loads one extract into the registry, all or nothing. The file is read once as a stream (hashed on the way),
/// lines are validated, indexed and sealed in parallel, and one task writes them by binary COPY as they come: into
/// an empty registry, new people go straight into <c>people</c> (<see cref="DirectLoad"/>); otherwise everything goes
/// into a temporary staging table that set-based statements merge into <c>people</c> and <c>exposures</c>
/// (<see cref="StagingMerge"/>). All of that is one transaction, and imports run one at a time: an interrupted
/// import leaves the registry exactly as it was before the file, and the same file can simply be imported again.
/// </summary>
public sealed partial class RegistryImporter(
    PortalDbContext db,
    BlindIndex index,
    PersonPayload payload,
    AuditLog audit,
    TimeProvider time,
    IOptions<RegistryImportOptions> options,
    ILogger<RegistryImporter> logger)
{
    public const int ChunkRows = 1024;

    /// <summary>Categories a column of the file can show; the others come from the incident as a whole.</summary>
    private const DataCategories FileCategories = DataCategories.SocialSecurityNumber | DataCategories.FranceTravailId
        | DataCategories.LastName | DataCategories.FirstName | DataCategories.DateOfBirth | DataCategories.PlaceOfBirth
        | DataCategories.Email | DataCategories.Phone | DataCategories.PostalAddress;

    public async Task<ImportOutcome> ImportAsync(ImportRequest request, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().FindByReferenceAsync(request.IncidentReference, cancellationToken);
        if (incident is null)
        {
            return ImportOutcome.Refused(null, ImportFailure.UnknownIncident);
        }

        var batch = await StartBatchAsync(incident, request, cancellationToken);
        LogStarted(logger, batch.Id, incident.Reference, request.Source);
        ImportOutcome outcome;
        try
        {
            outcome = await RunAsync(batch, incident, request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await FailAsync(batch, ImportFailure.Cancelled, request.Actor);
            throw;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException)
        {
            LogFailed(logger, exception, batch.Id);
            await FailAsync(batch, ImportFailure.UnexpectedError, request.Actor);
            throw;
        }

        if (outcome.Failure is { } failure)
        {
            await FailAsync(batch, failure, request.Actor);
        }

        LogEnded(logger, batch.Id, outcome.Failure, outcome.Imported, outcome.Rejected, outcome.Duplicates);
        return outcome;
    }

    private async Task<ImportBatch> StartBatchAsync(Incident incident, ImportRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batch = new ImportBatch
        {
            IncidentId = incident.Id,
            Source = request.Source,
            StartedBy = request.Actor.StaffId,
            FileName = request.FileName is { } name ? Path.GetFileName(name)[..Math.Min(Path.GetFileName(name).Length, ImportBatch.FileNameMaxLength)] : null,
            BytesExpected = request.ExpectedBytes,
            UploadToken = request.UploadToken,
            Status = ImportStatus.Running,
            StartedAt = now,
            HeartbeatAt = now,
        };
        db.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(batch).State = EntityState.Detached;
        return batch;
    }

    private async Task<ImportOutcome> RunAsync(ImportBatch batch, Incident incident, ImportRequest request, CancellationToken cancellationToken)
    {
        await using var hashing = new HashingStream(request.Content);
        var (text, _) = await CsvEncoding.OpenAsync(hashing, cancellationToken);
        using var textReader = text;
        var records = await CsvRecordReader.OpenAsync(textReader, cancellationToken);
        var first = await records.ReadAsync(cancellationToken);
        if (first is null)
        {
            return ImportOutcome.Refused(batch.Id, ImportFailure.EmptyFile);
        }

        var (header, headerFailure, missing) = RegistryHeader.Read(first);
        if (header is null)
        {
            return ImportOutcome.Refused(batch.Id, headerFailure!.Value, missing);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.ExecuteAsync(ImportStaging.CreateSql, cancellationToken);
            var merge = new StagingMerge(connection, batch.Id, logger);
            var direct = await merge.BeginAsync(cancellationToken)
                ? new DirectLoad(connection, batch.Id, payload.CurrentKeyId, time.GetUtcNow(), NirFilterFor(request), options.Value)
                : null;
            var rebuild = direct is null ? [] : await merge.DropIndexesAsync(cancellationToken);

            var counts = new Counts();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using (var progress = new ProgressWriter(db.Database.GetConnectionString()!, batch.Id, hashing, counts, time))
            {
                await StageAsync(records, header, first.Line, counts, direct is null ? (staged, token) => CopyAsync(connection, staged, token) : direct.WriteAsync, cancellationToken);
                await progress.FlushAsync(cancellationToken);
            }

            LogStaged(logger, batch.Id, counts.Rows, direct?.People ?? 0, clock.ElapsedMilliseconds);

            if (counts.Rows == 0)
            {
                return ImportOutcome.Refused(batch.Id, ImportFailure.HeaderOnly);
            }

            // Reading to the end is what makes the hash final, and a trailing blank line must count too.
            var sha256 = hashing.Sha256();
            if (await AlreadyImportedAsync(connection, sha256, cancellationToken))
            {
                return ImportOutcome.Refused(batch.Id, ImportFailure.SameFileAlreadyImported);
            }

            var now = time.GetUtcNow();
            var loaded = direct is null ? 0 : await merge.CompleteDirectLoadAsync(incident, FileCategories, now, rebuild, cancellationToken);
            var imported = loaded + await merge.MergeAsync(
                incident, FileCategories, payload.CurrentKeyId, now, counts.Valid - loaded, direct is null ? options.Value.BulkMergeMinimumRows : long.MaxValue, cancellationToken);
            var outcome = new ImportOutcome(batch.Id, null, imported, counts.Rejected, counts.Valid - imported, []);
            await CompleteAsync(connection, batch.Id, sha256, hashing.BytesRead, counts.Rows, outcome, cancellationToken);
            await audit.AppendAsync(
                new AuditEntry(AuditEventType.RegistryImported, request.Actor)
                {
                    SubjectType = AuditSubjects.ImportBatch,
                    SubjectId = batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Detail = $"incident={incident.Reference} rows={counts.Rows} {outcome.SummaryLine}",
                },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        }
        catch (PostgresException unique) when (unique.SqlState == PostgresErrorCodes.UniqueViolation && unique.ConstraintName == "ix_import_batches_file_sha256")
        {
            // Another import of the same file committed while this one ran.
            return ImportOutcome.Refused(batch.Id, ImportFailure.SameFileAlreadyImported);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private NirFilter NirFilterFor(ImportRequest request) =>
        options.Value.NirFilterBits is { } bits ? new NirFilter(bits) : NirFilter.ForFile(request.ExpectedBytes);

    // One task writes what the workers staged: a connection carries one COPY at a time.
    private async Task StageAsync(CsvRecordReader records, RegistryHeader header, long headerLine, Counts counts, Func<ChannelReader<List<StagedRow>>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var chunks = Channel.CreateBounded<List<CsvRecord>>(new BoundedChannelOptions(4) { SingleWriter = true });
        var staged = Channel.CreateBounded<List<StagedRow>>(new BoundedChannelOptions(4) { SingleReader = true });

        var headerNotes = header.Unknown
            .Select(u => StagedRow.Problem(headerLine, new RowProblem(u.Name ?? $"#{u.Position}", RejectReasons.UnknownColumn)))
            .ToList();
        await staged.Writer.WriteAsync(headerNotes, token);

        // The first stage to fail stops the others, which could otherwise wait forever on a full channel.
        Task Stage(Func<Task> work) => Task.Run(
            async () =>
            {
                try
                {
                    await work();
                }
                catch
                {
                    await stop.CancelAsync();
                    throw;
                }
            },
            CancellationToken.None);

        var reading = Stage(() => ReadChunksAsync(records, chunks.Writer, counts, token));
        var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount))
            .Select(_ => Stage(() => ProcessChunksAsync(chunks.Reader, staged.Writer, header, today, counts, token)))
            .ToArray();
        var processing = Task.WhenAll(workers).ContinueWith(
            done => staged.Writer.TryComplete(done.Exception?.InnerException),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        var writing = Stage(() => write(staged.Reader, token));
        await Task.WhenAll([reading, processing, writing, .. workers]);
    }

    private static async Task ReadChunksAsync(CsvRecordReader records, ChannelWriter<List<CsvRecord>> chunks, Counts counts, CancellationToken cancellationToken)
    {
        try
        {
            var chunk = new List<CsvRecord>(ChunkRows);
            while (await records.ReadAsync(cancellationToken) is { } record)
            {
                chunk.Add(record);
                counts.AddRow();
                if (chunk.Count == ChunkRows)
                {
                    await chunks.WriteAsync(chunk, cancellationToken);
                    chunk = new List<CsvRecord>(ChunkRows);
                    CollectNowAndThen(counts.Rows);
                }
            }

            if (chunk.Count > 0)
            {
                await chunks.WriteAsync(chunk, cancellationToken);
            }

            chunks.Complete();
        }
        catch (Exception exception)
        {
            chunks.TryComplete(exception);
            throw;
        }
    }

    /// <summary>Lines read between two collections of the youngest generation: a few kilobytes are allocated per line.</summary>
    private const int RowsPerCollection = 16 * ChunkRows;

    // What an import holds at any moment is bounded (a few chunks in the channels), but the server GC, sized per core
    // for the web's page latency, lets this allocation-heavy stream grow the heap to several hundred megabytes before
    // it collects. Collecting the youngest generation at a steady pace keeps the process's memory flat and small; the
    // collection is cheap, for only the chunks in flight survive it.
    private static void CollectNowAndThen(long rowsRead)
    {
        if (rowsRead % RowsPerCollection == 0)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        }
    }

    private async Task ProcessChunksAsync(ChannelReader<List<CsvRecord>> chunks, ChannelWriter<List<StagedRow>> staged, RegistryHeader header, DateOnly today, Counts counts, CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.ReadAllAsync(cancellationToken))
        {
            var rows = new List<StagedRow>(chunk.Count);
            int valid = 0, rejected = 0;
            foreach (var record in chunk)
            {
                var (person, problems) = RegistryRowValidator.Validate(record, header, today);
                if (person is null)
                {
                    rejected++;
                    rows.AddRange(problems.Select(p => StagedRow.Problem(record.Line, p)));
                }
                else
                {
                    valid++;
                    rows.Add(StagedRow.Person(record.Line, person, index, payload));
                }
            }

            counts.AddProcessed(valid, rejected);
            await staged.WriteAsync(rows, cancellationToken);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, ChannelReader<List<StagedRow>> staged, CancellationToken cancellationToken)
    {
        await using var copy = await ImportStaging.BeginCopyAsync(connection, cancellationToken);
        await foreach (var rows in staged.ReadAllAsync(cancellationToken))
        {
            foreach (var row in rows)
            {
                ImportStaging.Write(copy, row);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static readonly string CompletedSql = SqlLiterals.Name(ImportStatus.Completed);

    private static async Task<bool> AlreadyImportedAsync(NpgsqlConnection connection, byte[] sha256, CancellationToken cancellationToken)
    {
        return await connection.ScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM import_batches WHERE file_sha256 = $1 AND status = {CompletedSql})", cancellationToken, sha256);
    }

    private static readonly string CompleteSql = $"""
        UPDATE import_batches SET status = {CompletedSql}, file_sha256 = $2, bytes_read = $3, rows_read = $4,
            imported = $5, rejected = $6, duplicates = $7, finished_at = now(), heartbeat_at = now()
        WHERE id = $1
        """;

    private static Task<int> CompleteAsync(NpgsqlConnection connection, long batchId, byte[] sha256, long bytes, long rows, ImportOutcome outcome, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(CompleteSql, cancellationToken, batchId, sha256, bytes, rows, outcome.Imported, outcome.Rejected, outcome.Duplicates);

    private async Task FailAsync(ImportBatch batch, ImportFailure failure, AuditActor actor)
    {
        // Recorded even when the caller gave up, so the batch does not look like it is still running.
        await db.Database.CloseConnectionAsync();
        db.ChangeTracker.Clear();
        await db.Set<ImportBatch>().Where(b => b.Id == batch.Id).ExecuteUpdateAsync(
            set => set.SetProperty(b => b.Status, ImportStatus.Failed)
                .SetProperty(b => b.Failure, failure)
                .SetProperty(b => b.FinishedAt, time.GetUtcNow()),
            CancellationToken.None);
        await audit.AppendAsync(
            new AuditEntry(AuditEventType.RegistryImportFailed, actor)
            {
                SubjectType = AuditSubjects.ImportBatch,
                SubjectId = batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Detail = $"failure={failure}",
            },
            CancellationToken.None);
    }

    /// <summary>Shared between the reading, processing and progress tasks.</summary>
    internal sealed class Counts
    {
        private long _rows;
        private long _valid;
        private long _rejected;

        public long Rows => Interlocked.Read(ref _rows);

        public long Valid => Interlocked.Read(ref _valid);

        public long Rejected => Interlocked.Read(ref _rejected);

        public void AddRow() => Interlocked.Increment(ref _rows);

        public void AddProcessed(int valid, int rejected)
        {
            Interlocked.Add(ref _valid, valid);
            Interlocked.Add(ref _rejected, rejected);
        }
    }

    [LoggerMessage(EventId = 4001, EventName = "ImportStarted", Level = LogLevel.Information, Message = "Import {BatchId} started for incident {Incident} from {Source}.")]
    private static partial void LogStarted(ILogger logger, long batchId, string incident, ImportSource source);

    [LoggerMessage(EventId = 4002, EventName = "ImportEnded", Level = LogLevel.Information, Message = "Import {BatchId} ended (failure: {Outcome}) imported={Imported} rejected={Rejected} duplicates={Duplicates}.")]
    private static partial void LogEnded(ILogger logger, long batchId, ImportFailure? outcome, long imported, long rejected, long duplicates);

    [LoggerMessage(EventId = 4005, EventName = "ImportStaged", Level = LogLevel.Information, Message = "Import {BatchId}: stage took {Milliseconds} ms ({Rows} rows, {Direct} people written straight into the registry).")]
    private static partial void LogStaged(ILogger logger, long batchId, long rows, long direct, long milliseconds);

    [LoggerMessage(EventId = 4003, EventName = "ImportFailed", Level = LogLevel.Error, Message = "Import {BatchId} failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, long batchId);
}

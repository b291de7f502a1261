using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Registry.Import;

/// <summary>
/// The import into an empty registry (people copied straight into <c>people</c>, repeats held back and merged) against
/// the merge through staging that an import into a filled registry takes: the same file gives the same counts, the
/// same rejects and the same people, in however many segments the direct load writes.
/// </summary>
public sealed class DirectLoadTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Nirs = [.. Enumerable.Range(0, 30).Select(_ => RegistryCsv.NewNir())];

    // Lines 2-31 are the people; then two repeats of the 4th person, one of the 11th, a wrong key, a repeat of a repeat.
    private static readonly string File = RegistryCsv.File(
    [
        .. Nirs.Select((nir, i) => RegistryCsv.Row(nir, email: $"direct.{i}@example.fr")),
        RegistryCsv.Row(Nirs[3], lastName: "Autre"),
        RegistryCsv.Row(Nirs[10]),
        RegistryCsv.Row(Nirs[0][..^2] + "00"),
        RegistryCsv.Row(Nirs[3]),
    ]);

    private const string Expected = "imported=30 rejected=1 duplicates=3";

    [Fact]
    public async Task EmptyRegistry_IsLoadedDirectly_WithTheIndexesBuiltOnce_AndTheRepeatsRejectedAsTheFirstLine()
    {
        await using var portal = await PortalFactory.StartAsync(server);
        var before = await IndexOidsAsync(portal.ConnectionString);
        var exposureKeys = await ExposureKeysAsync(portal.ConnectionString);

        var result = await ImportAsync(portal);

        Assert.Equal(Expected, result.Summary);
        Assert.Equal(ExpectedRejects, result.Rejects);
        Assert.Equal(30, result.People);
        Assert.Equal(30, result.Exposures);
        var after = await IndexOidsAsync(portal.ConnectionString);
        Assert.Equal(before.Keys, after.Keys);
        Assert.NotEqual(before["ix_people_nir_index"], after["ix_people_nir_index"]);
        Assert.Equal(before["pk_people"], after["pk_people"]);
        Assert.Equal(exposureKeys, await ExposureKeysAsync(portal.ConnectionString));
        await using var db = portal.CreateDbContext();
        var lines = await db.Set<Person>().OrderBy(p => p.Id).Select(p => p.FirstLine).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(2, 30).Select(l => (long?)l), lines);
    }

    // Held-back rows flushed one by one, between segments of people; a 64-bit filter with four probes per NIR, after
    // a handful of people, takes nearly every new NIR for seen and holds it back to be merged.
    [Theory]
    [InlineData("Registry:Import:HeldBackRowsPerFlush", "1")]
    [InlineData("Registry:Import:NirFilterBits", "64")]
    public async Task HeldBackRowsFlushedOneByOne_OrNewPeopleHeldBackByATinyFilter_GiveTheSameResult(string setting, string value)
    {
        await using var portal = await PortalFactory.StartAsync(server, factory => factory.Set(new Dictionary<string, string?> { [setting] = value }));

        var result = await ImportAsync(portal);

        Assert.Equal(Expected, result.Summary);
        Assert.Equal(ExpectedRejects, result.Rejects);
        Assert.Equal(30, result.People);
        Assert.Equal(30, result.Exposures);
        await using var db = portal.CreateDbContext();
        var lines = await db.Set<Person>().Select(p => p.FirstLine).OrderBy(l => l).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(2, 30).Select(l => (long?)l), lines);
    }

    [Fact]
    public async Task FilledRegistry_MergesThroughStaging_WithTheSameResult()
    {
        await using var portal = await PortalFactory.StartAsync(server);
        await RegistryCsv.ImportAsync(portal.Services, "PE-2023-08", RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir())), []);

        var result = await ImportAsync(portal);

        Assert.Equal(Expected, result.Summary);
        Assert.Equal(ExpectedRejects, result.Rejects);
        Assert.Equal(31, result.People);
        Assert.Equal(30, result.Exposures);
    }

    [Fact]
    public async Task FailedDirectLoad_LeavesTheRegistryEmpty_WithItsIndexes()
    {
        await using var portal = await PortalFactory.StartAsync(server);
        var before = await IndexOidsAsync(portal.ConnectionString);
        var exposureKeys = await ExposureKeysAsync(portal.ConnectionString);
        // Several chunks of people are copied before the file breaks off.
        var large = RegistryCsv.File([.. Enumerable.Range(0, 4 * RegistryImporter.ChunkRows).Select(_ => RegistryCsv.Row(RegistryCsv.NewNir()))]);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
            await using var content = new FailingStream(RegistryCsv.Utf8(large), failAfterBytes: large.Length * 9 / 10);
            await Assert.ThrowsAsync<IOException>(() => importer.ImportAsync(
                new ImportRequest("FT-2024-03", content, "extract.csv", ImportSource.CommandLine, AuditActor.CommandLine, null), Ct));
        }

        await using var db = portal.CreateDbContext();
        Assert.Equal(0, await db.Set<Person>().CountAsync(Ct));
        Assert.Equal(0, await db.Set<Exposure>().CountAsync(Ct));
        Assert.Equal(0, await db.Set<RegistryTally>().CountAsync(Ct));
        Assert.Equal(before, await IndexOidsAsync(portal.ConnectionString));
        Assert.Equal(exposureKeys, await ExposureKeysAsync(portal.ConnectionString));
        Assert.Equal(Expected, (await ImportAsync(portal)).Summary);
    }

    // Line numbers count the header as line 1.
    private static readonly (long Line, string Field, string Reason, long? SameAsLine)[] ExpectedRejects =
    [
        (32, "nir", RejectReasons.DuplicateInFile, 5),
        (33, "nir", RejectReasons.DuplicateInFile, 12),
        (34, "nir", "Nir.WrongKey", null),
        (35, "nir", RejectReasons.DuplicateInFile, 5),
    ];

    private sealed record Result(string Summary, (long Line, string Field, string Reason, long? SameAsLine)[] Rejects, int People, int Exposures);

    private static async Task<Result> ImportAsync(PortalFactory portal)
    {
        var (outcome, _) = await RegistryCsv.ImportAsync(portal.Services, "FT-2024-03", File, []);
        await TallyCheck.RegistryMatchesRowsAsync(portal.ConnectionString);
        await using var db = portal.CreateDbContext();
        var rejects = await db.Set<ImportReject>().Where(r => r.BatchId == outcome.BatchId).OrderBy(r => r.Line)
            .Select(r => new { r.Line, r.Field, r.Reason, r.SameAsLine }).ToListAsync(Ct);
        return new Result(
            outcome.SummaryLine,
            [.. rejects.Select(r => (r.Line, r.Field, r.Reason, r.SameAsLine))],
            await db.Set<Person>().CountAsync(Ct),
            await db.Set<Exposure>().CountAsync(e => e.BatchId == outcome.BatchId, Ct));
    }

    /// <summary>The primary key and indexes of exposures, which a load into an empty registry builds again after its insert.</summary>
    private static async Task<List<string>> ExposureKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'exposures'::regclass
            UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename = 'exposures'
            ORDER BY 1
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var keys = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<Dictionary<string, uint>> IndexOidsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT indexname, (quote_ident(indexname))::regclass::oid FROM pg_indexes WHERE tablename = 'people' ORDER BY indexname", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var oids = new Dictionary<string, uint>();
        while (await reader.ReadAsync(Ct))
        {
            oids[reader.GetString(0)] = reader.GetFieldValue<uint>(1);
        }

        return oids;
    }

    /// <summary>A file that breaks off near its end, as a dropped upload does.</summary>
    private sealed class FailingStream(Stream inner, long failAfterBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_read >= failAfterBytes)
            {
                throw new IOException("The connection was reset.");
            }

            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAfterBytes - _read)], cancellationToken);
            _read += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Tests.Registry.Import;

/// <summary>
/// The bulk merge (identifier indexes dropped, then built again) on a database of its own, whose registry starts
/// empty: the first import is a bulk one as soon as the threshold allows it.
/// </summary>
public sealed class BulkMergeTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstLoad_RebuildsTheIdentifierIndexesAsTheyWere_AndALaterImportMergesIntoThem()
    {
        var before = await PeopleIndexesAsync();
        var nirs = Enumerable.Range(0, 40).Select(_ => RegistryCsv.NewNir()).ToArray();
        var rows = nirs.Select((nir, i) => RegistryCsv.Row(nir, email: $"bulk.{i}@example.fr", phone: $"06 12 34 {i:00} 99")).ToList();
        rows.Add(RegistryCsv.Row(nirs[3]));                       // a duplicate in the file
        rows.Add(RegistryCsv.Row(nirs[0][..^2] + "00"));          // a wrong key

        var first = await ImportAsync(RegistryCsv.File([.. rows]), bulkMinimumRows: 10);

        Assert.Equal("imported=40 rejected=1 duplicates=1", first.SummaryLine);
        var after = await PeopleIndexesAsync();
        Assert.Equal(before.Select(i => (i.Name, i.Definition)), after.Select(i => (i.Name, i.Definition)));
        Assert.All(
            after.Where(i => i.Name != "pk_people" && i.Name != "ix_people_retain_until"),
            rebuilt => Assert.DoesNotContain(before, i => i.Oid == rebuilt.Oid));

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<BlindIndex>();
        await using var db = app.CreateDbContext();
        var phone = index.Compute(BlindIndexKind.Phone, "+33612341799");
        var email = index.Compute(BlindIndexKind.Email, "bulk.17@example.fr");
        var byPhone = await db.Set<Person>().SingleAsync(p => p.PhoneIndex == phone, Ct);
        var byEmail = await db.Set<Person>().SingleAsync(p => p.EmailIndex == email, Ct);
        Assert.Equal(byPhone.Id, byEmail.Id);
        Assert.Equal(40, await db.Set<Exposure>().CountAsync(e => e.BatchId == first.BatchId, Ct));

        // Far fewer new people than the registry holds: merged through the indexes, which still refuse a second copy.
        var later = await ImportAsync(RegistryCsv.File(RegistryCsv.Row(nirs[5]), RegistryCsv.Row(RegistryCsv.NewNir())), bulkMinimumRows: 1, incident: "PE-2023-08");

        Assert.Equal("imported=2 rejected=0 duplicates=0", later.SummaryLine);
        Assert.Equal(after.Select(i => i.Oid), (await PeopleIndexesAsync()).Select(i => i.Oid));
        var nir5 = index.Compute(BlindIndexKind.Nir, nirs[5]);
        var person5 = await db.Set<Person>().SingleAsync(p => p.NirIndex == nir5, Ct);
        Assert.Equal(2, await db.Set<Exposure>().CountAsync(e => e.PersonId == person5.Id, Ct));
    }

    private async Task<ImportOutcome> ImportAsync(string csv, long bulkMinimumRows, string incident = "FT-2024-03")
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var importer = ActivatorUtilities.CreateInstance<RegistryImporter>(
            scope.ServiceProvider, Options.Create(new RegistryImportOptions { BulkMergeMinimumRows = bulkMinimumRows }));
        using var content = RegistryCsv.Utf8(csv);
        var outcome = await importer.ImportAsync(new ImportRequest(incident, content, "extract.csv", ImportSource.CommandLine, AuditActor.CommandLine, null), Ct);
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        return outcome;
    }

    private async Task<List<(string Name, string Definition, uint Oid)>> PeopleIndexesAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT indexname, indexdef, (quote_ident(indexname))::regclass::oid FROM pg_indexes WHERE tablename = 'people' ORDER BY indexname", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var indexes = new List<(string, string, uint)>();
        while (await reader.ReadAsync(Ct))
        {
            indexes.Add((reader.GetString(0), reader.GetString(1), Convert.ToUInt32(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }

        return indexes;
    }
}

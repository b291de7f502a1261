using System.Text;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Registry.Import;

public sealed class RegistryImporterTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GoodRows_BecomePeopleWithOneExposureEach_AndTheBatchIsCompleted()
    {
        var nirs = Enumerable.Range(0, 3).Select(_ => RegistryCsv.NewNir()).ToArray();

        var outcome = await ImportAsync(RegistryCsv.File([.. nirs.Select(n => RegistryCsv.Row(n))]));

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Equal("imported=3 rejected=0 duplicates=0", outcome.SummaryLine);
        await using var db = app.CreateDbContext();
        var batch = await db.Set<ImportBatch>().SingleAsync(b => b.Id == outcome.BatchId, Ct);
        Assert.Equal(ImportStatus.Completed, batch.Status);
        Assert.Equal(3, batch.RowsRead);
        Assert.NotNull(batch.FileSha256);
        var exposures = await db.Set<Exposure>().Where(e => e.BatchId == batch.Id).ToListAsync(Ct);
        Assert.Equal(3, exposures.Count);
        var audit = await db.Set<AuditEvent>().Where(e => e.Type == AuditEventType.RegistryImported && e.SubjectId == batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync(Ct);
        Assert.Contains("imported=3", audit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoredPerson_OpensToTheNormalisedDetails_AndIsFoundThroughEachBlindIndex()
    {
        var nir = RegistryCsv.NewNir();
        var email = $"Camille.{nir[^6..]}@EXAMPLE.fr";

        await ImportAsync(RegistryCsv.File(RegistryCsv.Row(nir, email: email, phone: "0033 6.12.34.56.78", ftId: "7654321b")));

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<BlindIndex>();
        var sealer = scope.ServiceProvider.GetRequiredService<PersonPayload>();
        await using var db = app.CreateDbContext();
        var person = await db.Set<Person>().SingleAsync(p => p.NirIndex == index.Compute(BlindIndexKind.Nir, nir), Ct);
        var details = sealer.Open(person.Payload!, person.NirIndex);
        Assert.Equal(nir, details.Nir);
        Assert.Equal("+33612345678", details.Phone);
        Assert.Equal("7654321B", details.FranceTravailId);
        Assert.Equal($"Camille.{nir[^6..]}@example.fr", details.Email);
        Assert.Equal(index.Compute(BlindIndexKind.Email, details.Email!.ToLowerInvariant()), person.EmailIndex);
        Assert.Equal(index.Compute(BlindIndexKind.Phone, "+33612345678"), person.PhoneIndex);
        Assert.Equal(index.Compute(BlindIndexKind.FranceTravailId, "7654321B"), person.FranceTravailIdIndex);
        Assert.Equal("k1", person.KeyId);
    }

    [Fact]
    public async Task PersonInTwoIncidents_IsOnePersonWithTwoExposures_EachWithTheCategoriesThatIncidentExposed()
    {
        var nir = RegistryCsv.NewNir();

        await ImportAsync(RegistryCsv.File(RegistryCsv.Row(nir, place: "", address: "", postal: "", city: "")), "FT-2024-03");
        await ImportAsync(RegistryCsv.File(RegistryCsv.Row(nir, lastName: "Martin-Durand")), "PE-2023-08");

        await using var db = app.CreateDbContext();
        var person = await PersonAsync(db, nir);
        var exposures = await db.Set<Exposure>().Where(e => e.PersonId == person.Id).ToListAsync(Ct);
        Assert.Equal(2, exposures.Count);
        var incidents = await db.Incidents.ToDictionaryAsync(i => i.Id, Ct);
        foreach (var exposure in exposures)
        {
            var incident = incidents[exposure.IncidentId];
            Assert.Equal(DataCategories.None, exposure.Categories & ~incident.ExposedData);
        }

        var ft = exposures.Single(e => incidents[e.IncidentId].Reference == "FT-2024-03").Categories;
        Assert.True(ft.HasFlag(DataCategories.Email) && ft.HasFlag(DataCategories.Phone));
        Assert.False(ft.HasFlag(DataCategories.PostalAddress), "the first file had no address for this person");
        Assert.False(ft.HasFlag(DataCategories.PlaceOfBirth));
        var pe = exposures.Single(e => incidents[e.IncidentId].Reference == "PE-2023-08").Categories;
        Assert.False(pe.HasFlag(DataCategories.Email), "PE-2023-08 did not expose emails, even though the row has one");
        Assert.True(pe.HasFlag(DataCategories.SocialSecurityNumber));
    }

    [Fact]
    public async Task EveryKindOfBrokenRow_GetsItsReason_AndTheGoodRowsGoIn()
    {
        var good = Enumerable.Range(0, 3).Select(_ => RegistryCsv.NewNir()).ToArray();
        var badKey = RegistryCsv.NewNir()[..13] + "00";
        var lines = new[]
        {
            RegistryCsv.Row(good[0], lastName: "Lefèvre"),                // line 2
            RegistryCsv.Row(badKey),                                      // 3: a key is never 00
            RegistryCsv.Row(RegistryCsv.NewNir(), email: "camille.example.fr"), // 4
            RegistryCsv.Row(RegistryCsv.NewNir(), phone: "06 12 AB"),     // 5
            RegistryCsv.Row(RegistryCsv.NewNir(), lastName: ""),          // 6
            RegistryCsv.Row(good[1]),                                     // 7
            RegistryCsv.Row(good[0], firstName: "Camille-Autre"),         // 8: duplicate of line 2
            RegistryCsv.Row(RegistryCsv.NewNir(), birth: "31/02/1990"),   // 9
            RegistryCsv.Row(RegistryCsv.NewNir(), postal: "7500"),        // 10
            RegistryCsv.Row(RegistryCsv.NewNir()) + ";extra",             // 11
            RegistryCsv.Row(good[2]),                                     // 12
        };
        var text = RegistryCsv.Header + ";commentaire\n" + string.Join(";\n", lines) + ";\n";
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        // Line 13: a name in Windows-1252 inside this UTF-8 file; line 14: cut off in the middle.
        bytes.AddRange(Encoding.UTF8.GetBytes(RegistryCsv.NewNir() + ";;"));
        bytes.AddRange([(byte)'H', 0xE9, (byte)'l', 0xE8, (byte)'n', (byte)'e']);
        bytes.AddRange(Encoding.UTF8.GetBytes(";Camille;;;;;;;;\n" + RegistryCsv.NewNir() + ";1234567A;Mar"));

        var outcome = await ImportAsync(bytes.ToArray());

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        Assert.Equal("imported=3 rejected=9 duplicates=1", outcome.SummaryLine);
        var rejects = await RejectsAsync(outcome);
        Assert.Contains((1L, "commentaire", RejectReasons.UnknownColumn), rejects);
        Assert.Contains((3L, "nir", "Nir.WrongKey"), rejects);
        Assert.Contains((4L, "email", "EmailAddress.MissingAt"), rejects);
        Assert.Contains((5L, "telephone", "PhoneNumber.InvalidCharacters"), rejects);
        Assert.Contains((6L, "nom", RejectReasons.Required), rejects);
        Assert.Contains((8L, "nir", RejectReasons.DuplicateInFile), rejects);
        Assert.Contains((9L, "date_naissance", "DateOfBirth.NotADate"), rejects);
        Assert.Contains((10L, "code_postal", "PostalCode.WrongFormat"), rejects);
        Assert.Contains((11L, "*", RejectReasons.TooManyFields), rejects);
        Assert.Contains((13L, "nom", RejectReasons.InvalidEncoding), rejects);
        Assert.Contains((14L, "*", RejectReasons.Incomplete), rejects);
        await using var db = app.CreateDbContext();
        Assert.Equal(2, (await db.Set<ImportReject>().SingleAsync(r => r.BatchId == outcome.BatchId && r.Line == 8, Ct)).SameAsLine);
        foreach (var nir in good)
        {
            await PersonAsync(db, nir);
        }
    }

    [Theory]
    [InlineData("", ImportFailure.EmptyFile)]
    [InlineData("\n\n", ImportFailure.EmptyFile)]
    [InlineData(RegistryCsv.Header + "\n", ImportFailure.HeaderOnly)]
    [InlineData("nir;nom\n", ImportFailure.MissingRequiredColumn)]
    [InlineData("x;y;z\n1;2;3\n", ImportFailure.NoHeader)]
    [InlineData("nir;nom;prenom;nom\n", ImportFailure.DuplicateColumn)]
    public async Task FileWithoutRows_IsRefusedAsAWhole_AndRecordedAsFailed(string content, ImportFailure failure)
    {
        var outcome = await ImportAsync(content);

        Assert.Equal(failure, outcome.Failure);
        await using var db = app.CreateDbContext();
        var batch = await db.Set<ImportBatch>().SingleAsync(b => b.Id == outcome.BatchId, Ct);
        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.Equal(failure, batch.Failure);
        Assert.Empty(await db.Set<Exposure>().Where(e => e.BatchId == batch.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task SameFileTwice_IsRefusedTheSecondTime_AndChangesNothing()
    {
        var file = RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir()), RegistryCsv.Row(RegistryCsv.NewNir()));
        var first = await ImportAsync(file);
        await using var db = app.CreateDbContext();
        var people = await db.Set<Person>().CountAsync(Ct);

        var second = await ImportAsync(file);

        Assert.True(first.Succeeded);
        Assert.Equal(ImportFailure.SameFileAlreadyImported, second.Failure);
        Assert.Equal(people, await db.Set<Person>().CountAsync(Ct));
    }

    [Fact]
    public async Task RowsAlreadyInTheIncident_FromAnotherFile_CountAsDuplicates()
    {
        var known = RegistryCsv.NewNir();
        await ImportAsync(RegistryCsv.File(RegistryCsv.Row(known)));

        var outcome = await ImportAsync(RegistryCsv.File(RegistryCsv.Row(known, city: "Lyon"), RegistryCsv.Row(RegistryCsv.NewNir())));

        Assert.Equal("imported=1 rejected=0 duplicates=1", outcome.SummaryLine);
        Assert.Contains((2L, "nir", RejectReasons.AlreadyInIncident), await RejectsAsync(outcome));
    }

    [Fact]
    public async Task Windows1252File_WithCommasCrLfAndEnglishHeaders_IsReadWithItsAccents()
    {
        var nir = RegistryCsv.NewNir();
        var text = "social_security_number,Last Name,First-Name,Address,City\r\n"
            + $"{nir},Lefèvre,Hélène,\"3, allée des Châtaigniers\r\nBâtiment B\",Besançon\r\n";

        var outcome = await ImportAsync(CsvEncodingOf(1252).GetBytes(text));

        Assert.Equal("imported=1 rejected=0 duplicates=0", outcome.SummaryLine);
        var details = await DetailsAsync(nir);
        Assert.Equal("Lefèvre", details.LastName);
        Assert.Equal("Hélène", details.FirstName);
        Assert.Equal("3, allée des Châtaigniers\nBâtiment B", details.Address);
        Assert.Equal("Besançon", details.City);
    }

    [Fact]
    public async Task Utf8WithByteOrderMark_AndQuotedMultiLineFields_KeepsLineNumbersRight()
    {
        var nirs = Enumerable.Range(0, 2).Select(_ => RegistryCsv.NewNir()).ToArray();
        var text = "\uFEFF" + RegistryCsv.Header + "\n"
            + RegistryCsv.Row(nirs[0], address: "\"1 rue \"\"Haute\"\"\nEscalier 3\nPorte 12\"") + "\n"
            + RegistryCsv.Row(nirs[1], email: "pas-une-adresse") + "\n";

        var outcome = await ImportAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal("imported=1 rejected=1 duplicates=0", outcome.SummaryLine);
        Assert.Contains((5L, "email", "EmailAddress.MissingAt"), await RejectsAsync(outcome));
        Assert.Equal("1 rue \"Haute\"\nEscalier 3\nPorte 12", (await DetailsAsync(nirs[0])).Address);
    }

    [Fact]
    public async Task UnknownIncident_IsRefusedBeforeAnythingIsRead()
    {
        var outcome = await ImportAsync(RegistryCsv.File(RegistryCsv.Row(RegistryCsv.NewNir())), "XX-0000-00");

        Assert.Equal(ImportFailure.UnknownIncident, outcome.Failure);
        Assert.Null(outcome.BatchId);
    }

    [Fact]
    public async Task CancelledImport_LeavesTheRegistryAsItWas_AndTheSameFileCanBeImportedAfterwards()
    {
        var nirs = Enumerable.Range(0, 3000).Select(_ => RegistryCsv.NewNir()).ToArray();
        var file = Encoding.UTF8.GetBytes(RegistryCsv.File([.. nirs.Select(n => RegistryCsv.Row(n))]));
        await using var db = app.CreateDbContext();
        var peopleBefore = await db.Set<Person>().CountAsync(Ct);
        using var cancel = new CancellationTokenSource();
        await using var stalling = new StallingStream(file, stallAfter: file.Length / 2, cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(stalling, cancel.Token));

        Assert.Equal(peopleBefore, await db.Set<Person>().CountAsync(Ct));
        var failed = await db.Set<ImportBatch>().OrderByDescending(b => b.Id).FirstAsync(Ct);
        Assert.Equal((ImportStatus.Failed, ImportFailure.Cancelled), (failed.Status, failed.Failure));
        var again = await ImportAsync(file);
        Assert.Equal("imported=3000 rejected=0 duplicates=0", again.SummaryLine);
    }

    private static Encoding CsvEncodingOf(int codePage) => BreachPortal.Web.Registry.Import.Csv.CsvEncoding.Windows1252.CodePage == codePage
        ? BreachPortal.Web.Registry.Import.Csv.CsvEncoding.Windows1252
        : throw new ArgumentOutOfRangeException(nameof(codePage));

    private Task<ImportOutcome> ImportAsync(string csv, string incident = "FT-2024-03") => ImportAsync(Encoding.UTF8.GetBytes(csv), incident);

    private async Task<ImportOutcome> ImportAsync(byte[] bytes, string incident = "FT-2024-03")
    {
        using var content = new MemoryStream(bytes);
        return await ImportAsync(content, Ct, incident);
    }

    private async Task<ImportOutcome> ImportAsync(Stream content, CancellationToken cancellationToken, string incident = "FT-2024-03")
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RegistryImporter>();
        return await importer.ImportAsync(new ImportRequest(incident, content, "extract.csv", ImportSource.CommandLine, AuditActor.CommandLine, null), cancellationToken);
    }

    private async Task<List<(long Line, string Field, string Reason)>> RejectsAsync(ImportOutcome outcome)
    {
        await using var db = app.CreateDbContext();
        var rows = await db.Set<ImportReject>().Where(r => r.BatchId == outcome.BatchId).ToListAsync(Ct);
        return [.. rows.Select(r => (r.Line, r.Field, r.Reason))];
    }

    private async Task<Person> PersonAsync(BreachPortal.Web.Data.PortalDbContext db, string nir)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var index = scope.ServiceProvider.GetRequiredService<BlindIndex>().Compute(BlindIndexKind.Nir, nir);
        return await db.Set<Person>().SingleAsync(p => p.NirIndex == index, Ct);
    }

    private async Task<PersonDetails> DetailsAsync(string nir)
    {
        await using var db = app.CreateDbContext();
        var person = await PersonAsync(db, nir);
        return app.Factory.Services.GetRequiredService<PersonPayload>().Open(person.Payload!, person.NirIndex);
    }

    /// <summary>Gives half the file, then cancels the import as an operator pressing Ctrl+C would.</summary>
    private sealed class StallingStream(byte[] content, int stallAfter, CancellationTokenSource cancel) : MemoryStream(content)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= stallAfter)
            {
                await cancel.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
        }
    }
}

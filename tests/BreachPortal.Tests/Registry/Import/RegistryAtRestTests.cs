using System.Diagnostics;
using System.Text;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.Synthetic;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Registry.Import;

/// <summary>What the registry looks like to someone holding only the database: no identifier, no name, in any form.</summary>
public sealed class RegistryAtRestTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PgDump_AfterAnImport_ContainsNoneOfTheFilesIdentifiersContactsOrNames()
    {
        var options = new SyntheticRegistryOptions { People = 400, Seed = 4242 };
        using var file = new MemoryStream();
        await SyntheticRegistry.WriteAsync(file, options, Ct);
        file.Position = 0;
        var outcome = await ImportAsync(file);
        Assert.Equal(400, outcome.Imported);

        var dump = await PgDumpAsync();

        Assert.True(dump.Length > 100_000, "the dump should hold the registry's rows");
        var people = SyntheticRegistry.People(options).ToList();
        var leaks = people.SelectMany(p => new[] { p.Nir, p.Nir[..13], p.Email, p.Phone, PhoneDigits(p.Phone), p.FranceTravailId, $"{p.FirstName} {p.LastName}", p.Address })
            .Where(value => !string.IsNullOrEmpty(value))
            .Where(value => dump.Contains(value!, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Empty(leaks);
        var distinctiveNames = people.Select(p => p.LastName).Where(n => n.Length >= 7).Distinct().ToList();
        Assert.DoesNotContain(distinctiveNames, name => dump.Contains(name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task MutatedRows_NeverCrashTheImport_AndEveryLineIsAccountedFor()
    {
        var random = new Random(20240313);
        using var source = new MemoryStream();
        await SyntheticRegistry.WriteAsync(source, new SyntheticRegistryOptions { People = 1500, Seed = 777, BadRowFraction = 0.1 }, Ct);
        var lines = Encoding.UTF8.GetString(source.ToArray()).Split('\n');
        var mutated = new List<byte>(Encoding.UTF8.GetBytes(lines[0] + "\n"));
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            mutated.AddRange(Mutate(Encoding.UTF8.GetBytes(line), random));
            mutated.Add((byte)'\n');
        }

        var outcome = await ImportAsync(new MemoryStream(mutated.ToArray()));

        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());
        await using var db = app.CreateDbContext();
        var batch = await db.Set<ImportBatch>().SingleAsync(b => b.Id == outcome.BatchId, Ct);
        Assert.Equal(batch.RowsRead, outcome.Imported + outcome.Rejected + outcome.Duplicates);
        Assert.True(outcome.Imported > 0 && outcome.Rejected > 0);
    }

    [Fact]
    public async Task MutatedWholeFiles_AreImportedOrRefusedWithAReason_NeverAnError()
    {
        var random = new Random(7);
        using var source = new MemoryStream();
        await SyntheticRegistry.WriteAsync(source, new SyntheticRegistryOptions { People = 60, Seed = 99, BadRowFraction = 0.2 }, Ct);
        var original = source.ToArray();
        for (var i = 0; i < 25; i++)
        {
            var bytes = original.ToList();
            for (var m = 0; m < 1 + random.Next(40); m++)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.Insert(at, "\";\n\r\0\xFF"u8[random.Next(6)]); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }

                if (bytes.Count == 0)
                {
                    break;
                }
            }

            var outcome = await ImportAsync(new MemoryStream([.. bytes]));

            Assert.True(outcome.Succeeded || outcome.Failure is not ImportFailure.UnexpectedError, $"mutation {i}: {outcome.Failure}");
        }
    }

    private static List<byte> Mutate(byte[] line, Random random)
    {
        var bytes = line.ToList();
        switch (random.Next(8))
        {
            case 0: return bytes;
            case 1: bytes.Insert(random.Next(bytes.Count + 1), (byte)'"'); break;
            case 2: bytes.Insert(random.Next(bytes.Count + 1), (byte)';'); break;
            case 3: bytes.RemoveAt(random.Next(bytes.Count)); break;
            case 4: bytes[random.Next(bytes.Count)] = (byte)random.Next(0x80, 0x100); break;
            case 5: bytes = [.. bytes.Take(random.Next(bytes.Count))]; break;
            case 6: bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(0, 32)); break;
            default: bytes.AddRange(bytes.Take(random.Next(bytes.Count))); break;
        }

        return bytes;
    }

    private static string? PhoneDigits(string? phone) => phone is null ? null : new string([.. phone.Where(char.IsAsciiDigit)]);

    private async Task<ImportOutcome> ImportAsync(Stream content)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryImporter>()
            .ImportAsync(new ImportRequest("FT-2024-03", content, "extract.csv", ImportSource.CommandLine, AuditActor.CommandLine, null), Ct);
    }

    private async Task<string> PgDumpAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "pg_dump")));
        var connection = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var start = new ProcessStartInfo(Path.Combine(bin, "pg_dump"))
        {
            ArgumentList = { "--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", connection.Username!, "--no-password", "--data-only", connection.Database! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PGPASSWORD"] = connection.Password },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }
}

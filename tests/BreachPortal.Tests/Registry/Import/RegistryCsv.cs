using System.Globalization;
using System.Text;
using BreachPortal.Web.Data;
using BreachPortal.Web.Registry.Import;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.People;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BreachPortal.Tests.Registry.Import;

/// <summary>Small extracts written by hand for the import tests; every NIR is unique across the test run.</summary>
internal static class RegistryCsv
{
    public const string Header = "nir;identifiant_ft;nom;prenom;date_naissance;lieu_naissance;email;telephone;adresse;code_postal;ville";

    private static int _next = Random.Shared.Next(1, 400_000);

    /// <summary>A valid NIR (born in 1985-1999 in department 75) never returned before in this process.</summary>
    public static string NewNir()
    {
        var n = Interlocked.Increment(ref _next);
        var year = 85 + (n % 15);
        var month = 1 + (n / 15 % 12);
        var commune = 101 + (n / 180 % 20);
        var order = 1 + (n / 3600 % 999);
        var first = string.Create(CultureInfo.InvariantCulture, $"1{year:00}{month:00}75{commune:000}{order:000}");
        return first + Nir.ComputeKey(first).ToString("00", CultureInfo.InvariantCulture);
    }

    public static string Row(
        string nir,
        string lastName = "Martin",
        string firstName = "Camille",
        string? ftId = "1234567A",
        string? birth = "1985-03-14",
        string? place = "Paris",
        string? email = null,
        string? phone = "06 12 34 56 78",
        string? address = "12 rue de la Paix",
        string? postal = "75002",
        string? city = "Paris") =>
        string.Join(';', nir, ftId, lastName, firstName, birth, place, email ?? $"c.{nir[^6..]}@example.fr", phone, address, postal, city);

    public static string File(params string[] rows) => Header + "\n" + string.Join("\n", rows) + "\n";

    public static MemoryStream Utf8(string content) => new(Encoding.UTF8.GetBytes(content));

    /// <summary>Imports a file through the real importer (it must succeed) and finds the registry id of each NIR.</summary>
    public static async Task<(ImportOutcome Outcome, long[] Ids)> ImportAsync(IServiceProvider services, string incident, string file, IEnumerable<string> nirs)
    {
        await using var scope = services.CreateAsyncScope();
        using var content = Utf8(file);
        var outcome = await scope.ServiceProvider.GetRequiredService<RegistryImporter>().ImportAsync(
            new ImportRequest(incident, content, "extract.csv", ImportSource.CommandLine, AuditActor.CommandLine, null),
            TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded, outcome.Failure?.ToString());

        var index = scope.ServiceProvider.GetRequiredService<BlindIndex>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ids = new List<long>();
        foreach (var nir in nirs)
        {
            var hash = index.Compute(BlindIndexKind.Nir, nir);
            ids.Add(await db.Set<Person>().Where(p => p.NirIndex == hash).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken));
        }

        return (outcome, [.. ids]);
    }
}

using System.Globalization;
using System.Text;
using BreachPortal.Web.Registry.Normalisation;

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
}

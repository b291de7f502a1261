using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Import;

namespace BreachPortal.Tests.Notifications;

/// <summary>A person put in the registry for a notification test, with the contacts the test chose.</summary>
internal sealed record NotifiedPerson(long Id, string FirstName, string? Email, string? Phone);

internal static class NotificationPeople
{
    private static int _next = Random.Shared.Next(10_000_000, 80_000_000);

    /// <summary>Imports people through the real importer into a new file of the incident.</summary>
    /// <param name="factory">The portal.</param>
    /// <param name="incident">The incident reference.</param>
    /// <param name="count">How many people.</param>
    /// <param name="email">Give each an email address.</param>
    /// <param name="phone">Give each a phone: "mobile", "landline" or null for none.</param>
    /// <param name="emailDomain">The domain of their addresses (the test SMTP server refuses some domains).</param>
    public static async Task<IReadOnlyList<NotifiedPerson>> ImportAsync(PortalFactory factory, string incident, int count, bool email = true, string? phone = "mobile", string emailDomain = "example.fr")
    {
        var people = Enumerable.Range(0, count).Select(_ =>
        {
            var n = Interlocked.Increment(ref _next);
            var digits = n.ToString("00000000", CultureInfo.InvariantCulture);
            var number = phone switch
            {
                // 06 1x: metropolitan whatever the counter (06 39 is Mayotte's, and normalises to +262).
                "mobile" => $"+3361{digits[1..]}",
                "landline" => $"+331{digits}",
                _ => null,
            };
            return (Nir: RegistryCsv.NewNir(), FirstName: "Camille", Email: email ? $"notif.{n}@{emailDomain}" : null, Phone: number);
        }).ToList();
        var rows = people.Select(p => string.Join(';', p.Nir, "", "Martin", p.FirstName, "1985-03-14", "Paris", p.Email ?? "", p.Phone ?? "", "", "", ""));
        var file = RegistryCsv.File([.. rows]);

        var (outcome, ids) = await RegistryCsv.ImportAsync(factory.Services, incident, file, people.Select(p => p.Nir));
        Assert.Equal(count, outcome.Imported);
        var imported = people.Select((p, i) => new NotifiedPerson(ids[i], p.FirstName, p.Email, p.Phone)).ToList();
        return imported;
    }
}

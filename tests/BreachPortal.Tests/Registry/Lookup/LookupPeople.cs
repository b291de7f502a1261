using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Registry.Import;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Protection;
using BreachPortal.Web.Staff.Audit;
using BreachPortal.Web.Staff.Guard;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Registry.Lookup;

/// <summary>One person put in the registry through the real importer, with identifiers no other test uses.</summary>
internal sealed record ImportedPerson(long Id, string Nir, string FranceTravailId, string Email, string Phone, string LastName)
{
    /// <summary>The identifier as someone reads it out over the phone, not as the registry stores it.</summary>
    public string AsTyped(BlindIndexKind kind) => kind switch
    {
        BlindIndexKind.Nir => $"{Nir[0]} {Nir[1..3]} {Nir[3..5]} {Nir[5..7]} {Nir[7..10]} {Nir[10..13]} {Nir[13..]}",
        BlindIndexKind.FranceTravailId => FranceTravailId.ToLowerInvariant(),
        BlindIndexKind.Email => Email.ToUpperInvariant(),
        BlindIndexKind.Phone => "+33 " + Phone[1..],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

internal static class LookupPeople
{
    public const string Reason = "Demande d'accès n° 2024-118 reçue le 12 mars";

    private static int _next = Random.Shared.Next(1_000_000, 8_000_000);

    /// <summary>A national mobile number (<c>07 xx xx xx xx</c>) never returned before in this process.</summary>
    public static string NewPhone()
    {
        var digits = Interlocked.Increment(ref _next).ToString("00000000", CultureInfo.InvariantCulture);
        return $"07 {digits[..2]} {digits[2..4]} {digits[4..6]} {digits[6..]}";
    }

    public static async Task<ImportedPerson> ImportAsync(PortalFactory factory, string lastName = "Martin", string? phone = null, string incident = "FT-2024-03")
    {
        var people = await ImportManyAsync(factory, 1, lastName, phone, incident);
        return people[0];
    }

    public static async Task<IReadOnlyList<ImportedPerson>> ImportManyAsync(PortalFactory factory, int count, string lastName = "Martin", string? phone = null, string incident = "FT-2024-03")
    {
        var people = Enumerable.Range(0, count).Select(_ =>
        {
            var n = Interlocked.Increment(ref _next);
            return (
                Nir: RegistryCsv.NewNir(),
                FtId: n.ToString("0000000", CultureInfo.InvariantCulture)[^7..] + "K",
                Email: $"lookup.{n}@example.fr",
                Phone: phone ?? NewPhone());
        }).ToList();
        var file = RegistryCsv.File([.. people.Select(p => RegistryCsv.Row(p.Nir, lastName: lastName, ftId: p.FtId, email: p.Email, phone: p.Phone))]);

        var (outcome, ids) = await RegistryCsv.ImportAsync(factory.Services, incident, file, people.Select(p => p.Nir));
        Assert.Equal(count, outcome.Imported);
        var imported = people.Select((p, i) => new ImportedPerson(ids[i], p.Nir, p.FtId, p.Email, p.Phone, lastName)).ToList();
        return imported;
    }

    public static AuditActor ActorOf(TestStaff staff) => new(staff.Id, Mask.Email(staff.Email), "192.0.2.10");

    public static async Task<int> ViewsCountedAsync(string connectionString, Guid staffId)
    {
        await using var db = PostgresServer.CreateContext(connectionString);
        return await db.Set<RecordView>().CountAsync(v => v.StaffId == staffId, TestContext.Current.CancellationToken);
    }

    /// <summary>The lookup events (record viewed, nothing found) written by one staff member, oldest first.</summary>
    public static async Task<List<AuditEvent>> LookupEventsAsync(string connectionString, Guid staffId) =>
        [.. (await AuditTrail.ForStaffAsync(connectionString, staffId))
            .Where(e => e.ActorId == staffId && e.Type is AuditEventType.PersonRecordViewed or AuditEventType.PersonLookupFoundNothing)];
}

using Microsoft.AspNetCore.Identity;

namespace BreachPortal.Web.Staff;

/// <summary>The four staff roles of ARCHITECTURE.md ("Who may do what"). Ids are fixed: the roles are seeded by migration.</summary>
public static class StaffRoles
{
    public const string Administrator = nameof(Administrator);
    public const string Operator = nameof(Operator);
    public const string CnilLiaison = nameof(CnilLiaison);
    public const string Auditor = nameof(Auditor);

    public static IReadOnlyList<string> All { get; } = [Administrator, Operator, CnilLiaison, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    internal static IEnumerable<IdentityRole<Guid>> Seed() =>
    [
        Role("6f0c2a8e-4d1b-4a57-9a44-0e6a3c1d2b01", Administrator),
        Role("6f0c2a8e-4d1b-4a57-9a44-0e6a3c1d2b02", Operator),
        Role("6f0c2a8e-4d1b-4a57-9a44-0e6a3c1d2b03", CnilLiaison),
        Role("6f0c2a8e-4d1b-4a57-9a44-0e6a3c1d2b04", Auditor),
    ];

    private static IdentityRole<Guid> Role(string id, string name) => new()
    {
        Id = Guid.Parse(id),
        Name = name,
        NormalizedName = name.ToUpperInvariant(),
        ConcurrencyStamp = id,
    };
}

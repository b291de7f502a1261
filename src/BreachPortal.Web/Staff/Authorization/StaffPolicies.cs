using Microsoft.AspNetCore.Authorization;

namespace BreachPortal.Web.Staff.Authorization;

public static class StaffPolicies
{
    public const string AnyStaff = "Staff";
    public const string Administrator = "Staff." + StaffRoles.Administrator;
    public const string Operator = "Staff." + StaffRoles.Operator;
    public const string CnilLiaison = "Staff." + StaffRoles.CnilLiaison;
    public const string Auditor = "Staff." + StaffRoles.Auditor;

    /// <summary>The authority pages: the Operator keeps the record, the CNIL liaison reads and exports it.</summary>
    public const string AuthorityReaders = "Staff." + nameof(AuthorityReaders);

    /// <summary>What a staff page gets when nobody decided who may use it: no one.</summary>
    public const string Nobody = "Staff.Nobody";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(AnyStaff, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.All));
        foreach (var role in StaffRoles.All)
        {
            options.AddPolicy("Staff." + role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }

        options.AddPolicy(AuthorityReaders, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.Operator, StaffRoles.CnilLiaison));
        options.AddPolicy(Nobody, policy => policy.RequireAuthenticatedUser().RequireAssertion(_ => false));
    }
}

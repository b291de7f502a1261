using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace BreachPortal.Web.Staff.Authorization;

/// <summary>
/// Who may use the staff pages, decided per folder of Pages/Staff and nowhere else. The match is on the exact
/// folder, not a prefix: a page in a folder that is not listed here — a new sub-folder included — is reachable
/// by no one until someone adds its folder with a decision.
/// </summary>
public static class StaffPageAccess
{
    public const string StaffRoot = "/Staff";

    /// <summary>Folder → policy; null means open to anyone (sign-in and enrolment).</summary>
    public static IReadOnlyDictionary<string, string?> Folders { get; } = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["/Staff"] = StaffPolicies.AnyStaff,
        ["/Staff/Account"] = null,
        ["/Staff/MyAccount"] = StaffPolicies.AnyStaff,
        ["/Staff/Admin"] = StaffPolicies.Administrator,
        ["/Staff/Audit"] = StaffPolicies.Auditor,
        ["/Staff/Extracts"] = StaffPolicies.Operator,
        ["/Staff/People"] = StaffPolicies.Operator,
        ["/Staff/Citizens"] = StaffPolicies.Operator,
        ["/Staff/Templates"] = StaffPolicies.Operator,
        ["/Staff/Campaigns"] = StaffPolicies.Operator,
        ["/Staff/Authority"] = StaffPolicies.AuthorityReaders,
        ["/Staff/Authority/Edit"] = StaffPolicies.Operator,
    };

    public static bool IsStaffPage(string viewEnginePath) =>
        viewEnginePath.StartsWith(StaffRoot + "/", StringComparison.Ordinal);

    public static string? PolicyFor(string viewEnginePath)
    {
        var folder = viewEnginePath[..viewEnginePath.LastIndexOf('/')];
        return Folders.TryGetValue(folder, out var policy) ? policy : StaffPolicies.Nobody;
    }

    public static void Apply(PageApplicationModel model)
    {
        if (!IsStaffPage(model.ViewEnginePath))
        {
            return;
        }

        var policy = PolicyFor(model.ViewEnginePath);
        model.EndpointMetadata.Add(policy is null ? new AllowAnonymousAttribute() : new AuthorizeAttribute(policy));
    }
}

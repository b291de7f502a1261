using System.Security.Claims;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff.Audit;

namespace BreachPortal.Web.Staff;

/// <summary>The audit actor of a request: the signed-in staff member, or whoever is attempting to sign in.</summary>
public static class StaffActor
{
    public static AuditActor Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString();
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return new AuditActor(id, Mask.Email(user.FindFirstValue(ClaimTypes.Name)), address);
        }

        return new AuditActor(null, "anonymous", address);
    }

    public static AuditActor Attempting(HttpContext context, StaffUser user) =>
        new(user.Id, Mask.Email(user.Email), context.Connection.RemoteIpAddress?.ToString());

    public static Guid? Id(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

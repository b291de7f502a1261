using BreachPortal.Web.Data;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Staff.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Pages.Staff.Admin;

/// <summary>Every staff account with its state and roles; addresses are masked like everywhere else.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<StaffRow> Accounts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var users = await db.Users.AsNoTracking().OrderBy(u => u.CreatedAt).ToListAsync(HttpContext.RequestAborted);
        var roles = await (from link in db.UserRoles
                           join role in db.Roles on link.RoleId equals role.Id
                           select new { link.UserId, role.Name }).ToListAsync(HttpContext.RequestAborted);
        Accounts = users.Select(u => new StaffRow(
            u.Id,
            Mask.Email(u.Email),
            StaffAccountState.Of(u, DateTimeOffset.UtcNow),
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public sealed record StaffRow(Guid Id, string MaskedEmail, string State, IReadOnlyList<string> Roles);
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Staff;

/// <summary>Identity's tables under staff_ names, and the four roles seeded.</summary>
internal static class StaffIdentityModel
{
    public static void Apply(ModelBuilder model)
    {
        model.Entity<StaffUser>(user =>
        {
            user.ToTable("staff_users");
            user.Property(u => u.DisabledReason).HasConversion<string>().HasMaxLength(40);
        });
        model.Entity<IdentityRole<Guid>>().ToTable("staff_roles").HasData(StaffRoles.Seed());
        model.Entity<IdentityUserRole<Guid>>().ToTable("staff_user_roles");
        model.Entity<IdentityUserClaim<Guid>>().ToTable("staff_user_claims");
        model.Entity<IdentityUserLogin<Guid>>().ToTable("staff_user_logins");
        model.Entity<IdentityUserToken<Guid>>().ToTable("staff_user_tokens");
        model.Entity<IdentityRoleClaim<Guid>>().ToTable("staff_role_claims");
    }
}

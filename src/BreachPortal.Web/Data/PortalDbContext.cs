using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options)
{
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public DbSet<Incident> Incidents => Set<Incident>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        StaffIdentityModel.Apply(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        SnakeCaseNames.Apply(builder.Model);
    }
}

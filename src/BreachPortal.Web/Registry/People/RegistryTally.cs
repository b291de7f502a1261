using BreachPortal.Web.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Registry.People;

/// <summary>
/// How many people of an incident look alike for every figure counted over the registry: the data held on them
/// (which says who can be reached on which channel), whether they were purged, and the categories exposed. Written
/// by the database only — triggers on <c>exposures</c> and <c>people</c> — so the audience of a campaign and the
/// Art. 33 and Art. 34 figures add up a few hundred rows rather than scan tens of millions.
/// </summary>
public sealed class RegistryTally
{
    public const string Table = "registry_tallies";

    public long Id { get; private set; }

    public int IncidentId { get; init; }

    public DataCategories HeldData { get; init; }

    public bool Purged { get; init; }

    public DataCategories Categories { get; init; }

    public long People { get; init; }
}

internal sealed class RegistryTallyConfiguration : IEntityTypeConfiguration<RegistryTally>
{
    public void Configure(EntityTypeBuilder<RegistryTally> builder)
    {
        builder.ToTable(RegistryTally.Table);
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.HeldData).HasConversion<long>();
        builder.Property(t => t.Categories).HasConversion<long>();
        builder.HasIndex(t => new { t.IncidentId, t.HeldData, t.Purged, t.Categories }, "ix_registry_tallies_group").IsUnique();
    }
}

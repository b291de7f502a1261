using BreachPortal.Web.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Registry.People;

/// <summary>That an incident concerns a person, and which of their data it exposed.</summary>
public sealed class Exposure
{
    public int IncidentId { get; set; }

    public long PersonId { get; set; }

    /// <summary>The incident's categories that this person's row actually held.</summary>
    public DataCategories Categories { get; set; }

    public long BatchId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ExposureConfiguration : IEntityTypeConfiguration<Exposure>
{
    public void Configure(EntityTypeBuilder<Exposure> builder)
    {
        builder.ToTable("exposures");
        builder.HasKey(e => new { e.IncidentId, e.PersonId });
        builder.Property(e => e.Categories).HasConversion<long>();
        builder.HasIndex(e => e.PersonId);

        // No foreign keys: PostgreSQL checks one per inserted row (about 10 µs each here, over a quarter of an hour for
        // the 43 million rows of a national extract). Exposures are written by one set-based statement of the import,
        // which takes both ids from the rows it joins; people are never deleted (purge empties them) nor are incidents.
    }
}

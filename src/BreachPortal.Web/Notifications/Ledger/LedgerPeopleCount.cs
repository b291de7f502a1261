using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// The distinct people an incident's ledger reached, as last counted from the rows (<see cref="LedgerPeople"/>), with
/// the fingerprint of the campaigns' tallies at that moment: while the tallies have not moved, the count is exact.
/// </summary>
public sealed class LedgerPeopleCount
{
    public int IncidentId { get; init; }

    /// <summary>The incident's campaigns' message counts per channel and status when the people were counted.</summary>
    public required string Fingerprint { get; set; }

    public DateTimeOffset CountedAt { get; set; }

    /// <summary>JSON: one entry per channel, and one without a channel for people across channels.</summary>
    public required string Figures { get; set; }
}

internal sealed class LedgerPeopleCountConfiguration : IEntityTypeConfiguration<LedgerPeopleCount>
{
    public void Configure(EntityTypeBuilder<LedgerPeopleCount> builder)
    {
        builder.ToTable("ledger_people_counts");
        builder.HasKey(c => c.IncidentId);
        builder.Property(c => c.IncidentId).ValueGeneratedNever();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Authority;

/// <summary>
/// What the CNIL's notification form asks about one incident, beyond what the incident itself publishes (its dates,
/// nature, exposed data, consequences, measures and DPO contact live on <see cref="Incidents.Incident"/>). Every
/// item is nullable: null is the form's "not known yet" (<i>je ne sais pas encore</i>).
/// </summary>
public sealed class AuthorityRecord
{
    public const int TextMaxLength = 4000;

    public int IncidentId { get; set; }

    public BreachCertainty? Certainty { get; set; }

    public bool? Ongoing { get; set; }

    public string? HowDiscovered { get; set; }

    public BreachOrigins? Origins { get; set; }

    /// <summary>Free text when <see cref="BreachOrigins.Other"/> is chosen, or details of the origin.</summary>
    public string? OriginDetail { get; set; }

    public BreachTypes? Types { get; set; }

    public BreachCause? Cause { get; set; }

    /// <summary>Processors (sub-contractors) involved, one per line; empty text means "none".</summary>
    public string? Processors { get; set; }

    /// <summary>Categories of people concerned (job seekers, candidates, advisers…), as declared.</summary>
    public string? PeopleCategories { get; set; }

    /// <summary>Approximate number of people as declared to the authority (the registry's count is computed apart).</summary>
    public long? ApproximatePeople { get; set; }

    public bool? DirectlyIdentifiable { get; set; }

    /// <summary>Approximate number of records as declared to the authority.</summary>
    public long? ApproximateRecords { get; set; }

    public string? StorageMedium { get; set; }

    public LikelyConsequences? Consequences { get; set; }

    public string? ConsequencesDetail { get; set; }

    public string? ImmediateMeasures { get; set; }

    public string? MediumTermMeasures { get; set; }

    public string? LongTermMeasures { get; set; }

    public PeopleInformed? Informed { get; set; }

    public string? HowInformed { get; set; }

    /// <summary>Why the initial notification came after 72 hours (Art. 33(1)); required when it did.</summary>
    public string? LateReason { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedBy { get; set; }

    /// <summary>Optimistic concurrency: two people editing the record at once must not overwrite each other silently.</summary>
    public uint Version { get; set; }
}

public enum BreachCertainty
{
    Established = 1,
    Suspected = 2,
}

[Flags]
#pragma warning disable CA1711 // Domain words, not misnamed collections.
public enum BreachOrigins : long
{
    None = 0,
    Hacking = 1L << 0,
    Phishing = 1L << 1,
    Malware = 1L << 2,
    SocialEngineering = 1L << 3,
    CredentialMisuse = 1L << 4,
    LostOrStolenDevice = 1L << 5,
    WrongRecipient = 1L << 6,
    UnintendedPublication = 1L << 7,
    ProcessorIncident = 1L << 8,
    Other = 1L << 9,
}

[Flags]
public enum BreachTypes : long
{
    None = 0,
    Confidentiality = 1L << 0,
    Integrity = 1L << 1,
    Availability = 1L << 2,
}

[Flags]
public enum LikelyConsequences : long
{
    None = 0,
    IdentityTheft = 1L << 0,
    Fraud = 1L << 1,
    FinancialLoss = 1L << 2,
    Phishing = 1L << 3,
    LossOfConfidentiality = 1L << 4,
    Discrimination = 1L << 5,
    ReputationDamage = 1L << 6,
    PhysicalHarm = 1L << 7,
    Other = 1L << 8,
}
#pragma warning restore CA1711

public enum BreachCause
{
    InternalMalicious = 1,
    InternalAccidental = 2,
    ExternalMalicious = 3,
    ExternalAccidental = 4,
}

public enum PeopleInformed
{
    Yes = 1,
    Planned = 2,
    No = 3,
}

internal sealed class AuthorityRecordConfiguration : IEntityTypeConfiguration<AuthorityRecord>
{
    public void Configure(EntityTypeBuilder<AuthorityRecord> builder)
    {
        builder.ToTable("authority_records");
        builder.HasKey(r => r.IncidentId);
        builder.Property(r => r.IncidentId).ValueGeneratedNever();
        builder.HasOne<Incidents.Incident>().WithOne().HasForeignKey<AuthorityRecord>(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Certainty).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Cause).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Informed).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Origins).HasConversion<long?>();
        builder.Property(r => r.Types).HasConversion<long?>();
        builder.Property(r => r.Consequences).HasConversion<long?>();
        foreach (var text in new[]
                 {
                     nameof(AuthorityRecord.HowDiscovered), nameof(AuthorityRecord.OriginDetail), nameof(AuthorityRecord.Processors),
                     nameof(AuthorityRecord.PeopleCategories), nameof(AuthorityRecord.StorageMedium), nameof(AuthorityRecord.ConsequencesDetail),
                     nameof(AuthorityRecord.ImmediateMeasures), nameof(AuthorityRecord.MediumTermMeasures), nameof(AuthorityRecord.LongTermMeasures),
                     nameof(AuthorityRecord.HowInformed), nameof(AuthorityRecord.LateReason),
                 })
        {
            builder.Property<string?>(text).HasMaxLength(AuthorityRecord.TextMaxLength);
        }

        builder.Property(r => r.Version).HasColumnName("xmin").IsRowVersion();
    }
}

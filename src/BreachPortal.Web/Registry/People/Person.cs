using BreachPortal.Web.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Registry.People;

/// <summary>
/// One affected person, whatever the number of incidents naming them. Everything that identifies them is in
/// <see cref="Payload"/> (AES-256-GCM) and reachable only through blind indexes; after the retention date all of
/// it is erased and the row stays as a count.
/// </summary>
public sealed class Person
{
    public long Id { get; private set; }

    public byte[]? NirIndex { get; set; }

    public byte[]? FranceTravailIdIndex { get; set; }

    public byte[]? EmailIndex { get; set; }

    public byte[]? PhoneIndex { get; set; }

    public byte[]? Payload { get; set; }

    /// <summary>The encryption key of <see cref="Payload"/>, so a rotation can find what to re-encrypt.</summary>
    public string? KeyId { get; set; }

    /// <summary>The categories of data the registry holds for this person (which columns were filled).</summary>
    public DataCategories HeldData { get; set; }

    public long FirstBatchId { get; set; }

    /// <summary>
    /// The line of the first batch's file the person came from (null for people imported before it was kept): what a
    /// load into an empty registry tells repeats in the file apart by, and where to look in the extract.
    /// </summary>
    public long? FirstLine { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when a campaign concerning the person ends; null while nothing has been sent yet.</summary>
    public DateTimeOffset? RetainUntil { get; set; }

    public DateTimeOffset? PurgedAt { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people", t =>
            t.HasCheckConstraint("ck_people_purged_has_nothing", "purged_at IS NULL OR (payload IS NULL AND nir_index IS NULL AND france_travail_id_index IS NULL AND email_index IS NULL AND phone_index IS NULL)"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.KeyId).HasMaxLength(32);
        builder.Property(p => p.HeldData).HasConversion<long>();
        builder.HasIndex(p => p.NirIndex).IsUnique();
        // B-trees, not hash indexes: a bulk import rebuilds them (see StagingMerge), and PostgreSQL builds a B-tree
        // from sorted keys several times faster than a hash index.
        builder.HasIndex(p => p.FranceTravailIdIndex);
        builder.HasIndex(p => p.EmailIndex);
        builder.HasIndex(p => p.PhoneIndex);
        builder.HasIndex(p => p.RetainUntil).HasFilter("purged_at IS NULL AND retain_until IS NOT NULL");
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Authority;

/// <summary>
/// One notification made to the supervisory authority about an incident (Art. 33(4): information may be given in
/// phases): the initial one, then complementary ones, each with what changed and the report as it was sent.
/// </summary>
public sealed class AuthorityNotification
{
    public const int ChangesMaxLength = 4000;
    public const int AuthorityReferenceMaxLength = 64;

    public int Id { get; private set; }

    public int IncidentId { get; set; }

    public AuthorityNotificationKind Kind { get; set; }

    /// <summary>When it was sent to the authority (not when it was recorded here).</summary>
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The authority's own reference for the notification, when it gave one.</summary>
    public string? AuthorityReference { get; set; }

    /// <summary>What this notification adds or corrects; for the initial one, a short summary.</summary>
    public string Changes { get; set; } = "";

    /// <summary>The Art. 33 report as sent (JSON), so that a later view shows what was declared then, not now.</summary>
    public string Snapshot { get; set; } = "{}";

    public DateTimeOffset RecordedAt { get; set; }

    public Guid? RecordedBy { get; set; }
}

public enum AuthorityNotificationKind
{
    Initial = 1,
    Complementary = 2,
}

internal sealed class AuthorityNotificationConfiguration : IEntityTypeConfiguration<AuthorityNotification>
{
    public void Configure(EntityTypeBuilder<AuthorityNotification> builder)
    {
        builder.ToTable("authority_notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.AuthorityReference).HasMaxLength(AuthorityNotification.AuthorityReferenceMaxLength);
        builder.Property(n => n.Changes).HasMaxLength(AuthorityNotification.ChangesMaxLength);
        builder.Property(n => n.Snapshot).HasColumnType("jsonb");
        builder.HasIndex(n => new { n.IncidentId, n.SentAt });

        // One initial notification per incident; the rest are complementary.
        builder.HasIndex(n => n.IncidentId).IsUnique().HasFilter("kind = 'Initial'").HasDatabaseName("ix_authority_notifications_one_initial");
    }
}

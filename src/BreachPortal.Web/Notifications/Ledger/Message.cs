using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// One message to one person on one channel: the ledger row that makes "nothing lost, nothing sent twice" checkable.
/// Campaign rows are written set-based at launch; one-time codes (no campaign) go through the priority lane.
/// </summary>
public sealed class Message
{
    /// <summary><c>XXXX-XXXX-XXXX</c>: 60 random bits in Crockford's base 32.</summary>
    public const int ReferenceCodeLength = 14;

    public long Id { get; private set; }

    /// <summary>Null for a one-time code.</summary>
    public int? CampaignId { get; init; }

    public long PersonId { get; init; }

    public MessageChannel Channel { get; init; }

    public MessageStatus Status { get; set; }

    /// <summary>0 for campaigns; higher lanes (one-time codes) are claimed first.</summary>
    public short Priority { get; init; }

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>Printed in the message, checkable at /verify; also its Message-ID and idempotency key.</summary>
    public required string ReferenceCode { get; init; }

    public short Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public Guid? LeaseToken { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FirstAttemptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>When it reached delivered or a failure status.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The gateway's id for an SMS, which its receipts name.</summary>
    public string? ProviderReference { get; set; }

    /// <summary>A short code such as <c>smtp-550</c> or <c>http-429</c>; never personal data.</summary>
    public string? FailureReason { get; set; }

    /// <summary>The email whose permanent failure this SMS replaces.</summary>
    public long? FallbackFor { get; init; }

    /// <summary>A one-time code's rendered text, encrypted; erased once it has been sent.</summary>
    public byte[]? Content { get; set; }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("messages", t =>
        {
            t.HasCheckConstraint("ck_messages_language", "language IN ('fr', 'en')");
            t.HasCheckConstraint("ck_messages_lease", $"status <> {LedgerSql.Sending} OR (lease_token IS NOT NULL AND lease_expires_at IS NOT NULL)");
        });
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Language).HasMaxLength(2);
        builder.Property(m => m.ReferenceCode).HasMaxLength(Message.ReferenceCodeLength).IsFixedLength();
        builder.Property(m => m.ProviderReference).HasMaxLength(100);
        builder.Property(m => m.FailureReason).HasMaxLength(100);
        builder.HasIndex(m => new { m.CampaignId, m.PersonId, m.Channel }).IsUnique();
        builder.HasIndex(m => m.ReferenceCode).IsUnique();
        builder.HasIndex(m => m.PersonId);
        builder.HasIndex(m => m.ProviderReference).HasFilter("provider_reference IS NOT NULL");

        // What the dispatcher claims, per campaign (null: the priority lane) and channel, oldest due first.
        builder.HasIndex(m => new { m.CampaignId, m.Channel, m.NextAttemptAt }, "ix_messages_due").HasFilter($"status IN {LedgerSql.Due}");
        builder.HasIndex(m => m.LeaseExpiresAt, "ix_messages_leased").HasFilter($"status = {LedgerSql.Sending}");

        // No foreign keys to people: launch writes millions of rows in set-based statements that take the ids from
        // the exposures they join, and a per-row check costs about 10 µs (see ExposureConfiguration).
        builder.HasOne<Campaigns.Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>
/// How many messages of a campaign look alike for every figure the console and the Art. 34 evidence show: channel,
/// status, failure reason, the hour (UTC) a provider accepted them and the hour they ended. Written by the database
/// only — triggers on <c>messages</c> record each statement's change in <see cref="LedgerTallyChange"/>, which
/// <see cref="LedgerTallies.FoldAsync"/> adds up here — so a campaign's figures cost a few hundred rows, not one per message.
/// </summary>
public sealed class LedgerTally
{
    public long Id { get; private set; }

    public int CampaignId { get; init; }

    public MessageChannel Channel { get; init; }

    public MessageStatus Status { get; init; }

    public string? FailureReason { get; init; }

    /// <summary><c>sent_at</c> truncated to the hour, UTC; null while no provider has accepted them.</summary>
    public DateTimeOffset? SentHour { get; init; }

    /// <summary><c>completed_at</c> truncated to the hour, UTC.</summary>
    public DateTimeOffset? EndedHour { get; init; }

    public long Messages { get; init; }

    /// <summary>The latest <c>completed_at</c> that entered the group (exact for final statuses, which rows never leave).</summary>
    public DateTimeOffset? LastEndedAt { get; init; }
}

/// <summary>
/// One statement's change to a campaign's tallies (rows in, with +, rows out, with −), appended by the trigger so
/// that concurrent senders never wait on a shared counter; read together with <see cref="LedgerTally"/> until folded.
/// </summary>
public sealed class LedgerTallyChange
{
    public long Id { get; private set; }

    /// <summary>The writing transaction's start: the progress page's rate counts what reached a done status lately.</summary>
    public DateTimeOffset At { get; init; }

    public int CampaignId { get; init; }

    public MessageChannel Channel { get; init; }

    public MessageStatus Status { get; init; }

    public string? FailureReason { get; init; }

    public DateTimeOffset? SentHour { get; init; }

    public DateTimeOffset? EndedHour { get; init; }

    public long Messages { get; init; }

    public DateTimeOffset? LastEndedAt { get; init; }
}

internal sealed class LedgerTallyConfiguration : IEntityTypeConfiguration<LedgerTally>
{
    public void Configure(EntityTypeBuilder<LedgerTally> builder)
    {
        builder.ToTable("ledger_tallies");
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.FailureReason).HasMaxLength(100);
        builder.HasIndex(t => new { t.CampaignId, t.Channel, t.Status, t.FailureReason, t.SentHour, t.EndedHour }, "ix_ledger_tallies_group").IsUnique().AreNullsDistinct(false);
    }
}

internal sealed class LedgerTallyChangeConfiguration : IEntityTypeConfiguration<LedgerTallyChange>
{
    public void Configure(EntityTypeBuilder<LedgerTallyChange> builder)
    {
        builder.ToTable("ledger_tally_changes");
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.FailureReason).HasMaxLength(100);
        builder.HasIndex(t => new { t.CampaignId, t.At });
    }
}

using BreachPortal.Web.Notifications.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>
/// The individual notification of everyone an incident concerns, on the channels its policy names, with pinned
/// template versions. Its status only moves through guarded updates of the campaign service.
/// </summary>
public sealed class Campaign
{
    public const int NameMaxLength = 200;

    public int Id { get; private set; }

    public int IncidentId { get; init; }

    public required string Name { get; set; }

    public CampaignStatus Status { get; set; }

    public ChannelPolicy Policy { get; set; }

    /// <summary><c>fr</c> or <c>en</c>: the language of the pinned templates.</summary>
    public required string Language { get; set; }

    public int? EmailTemplateId { get; set; }

    public int? SmsTemplateId { get; set; }

    public int EmailsPerSecond { get; set; }

    public int SmsPerSecond { get; set; }

    /// <summary>SMS go out only between these times, Europe/Paris.</summary>
    public TimeOnly SmsWindowStart { get; set; }

    public TimeOnly SmsWindowEnd { get; set; }

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? ApprovedBy { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>True once launch has written every row of the ledger; until then the campaign cannot finish.</summary>
    public bool LedgerComplete { get; set; }

    /// <summary>People the incident concerns, counted at launch.</summary>
    public long? PeopleCount { get; set; }

    /// <summary>People with no usable contact for the policy (to be reached by post or public communication).</summary>
    public long? UnreachableCount { get; set; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns", t =>
        {
            t.HasCheckConstraint("ck_campaigns_language", "language IN ('fr', 'en')");
            t.HasCheckConstraint("ck_campaigns_rates", "emails_per_second > 0 AND sms_per_second > 0");
            t.HasCheckConstraint("ck_campaigns_four_eyes", "approved_by IS NULL OR approved_by <> created_by");
        });
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Name).HasMaxLength(Campaign.NameMaxLength);
        builder.Property(c => c.Language).HasMaxLength(2);
        builder.HasIndex(c => c.IncidentId);
        builder.HasIndex(c => c.Status);
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MessageTemplate>().WithMany().HasForeignKey(c => c.EmailTemplateId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<MessageTemplate>().WithMany().HasForeignKey(c => c.SmsTemplateId).OnDelete(DeleteBehavior.Restrict);
    }
}

using BreachPortal.Web.Notifications.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>
/// One immutable version of the words sent about an incident on one channel in one language. A change is a new
/// version; campaigns pin the versions they send, so what was approved is what goes out.
/// </summary>
public sealed class MessageTemplate
{
    public const int SubjectMaxLength = 200;

    public int Id { get; private set; }

    public int IncidentId { get; init; }

    public MessageChannel Channel { get; init; }

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public required string Language { get; init; }

    /// <summary>1, 2, … per incident, channel and language.</summary>
    public int Version { get; init; }

    /// <summary>Email only.</summary>
    public string? Subject { get; init; }

    public required string TextBody { get; init; }

    /// <summary>Email only.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Null for the versions the portal seeds itself.</summary>
    public Guid? CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("templates", t =>
        {
            t.HasCheckConstraint("ck_templates_language", "language IN ('fr', 'en')");
            t.HasCheckConstraint("ck_templates_email_parts", $"channel <> {LedgerSql.Email} OR (subject IS NOT NULL AND html_body IS NOT NULL)");
            t.HasCheckConstraint("ck_templates_sms_parts", $"channel <> {LedgerSql.Sms} OR (subject IS NULL AND html_body IS NULL)");
        });
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).UseIdentityAlwaysColumn();
        builder.Property(t => t.Language).HasMaxLength(2);
        builder.Property(t => t.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength);
        builder.HasIndex(t => new { t.IncidentId, t.Channel, t.Language, t.Version }).IsUnique();
        builder.HasOne<Incidents.Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

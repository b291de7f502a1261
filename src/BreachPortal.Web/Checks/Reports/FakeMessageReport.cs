using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Checks.Reports;

public enum ReportedChannel : short
{
    Sms = 1,
    Email = 2,
    PhoneCall = 3,
    Letter = 4,
    Other = 5,
}

/// <summary>
/// A message someone believes is a fake sent in the agency's name, kept for staff review. Only what helps act on
/// the fraud is kept, and scrubbed: the sender masked, the web sites named by their host, the description with
/// addresses, numbers and long digit runs hidden. Nothing identifies the person who reported it.
/// </summary>
public sealed class FakeMessageReport
{
    public const int DescriptionMaxLength = 2000;
    public const int SenderMaxLength = 200;

    public long Id { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ReportedChannel Channel { get; set; }

    public DateOnly? ReceivedOn { get; set; }

    /// <summary>The reference code the message showed, normalised; null when none or not a code.</summary>
    public string? ClaimedReferenceCode { get; set; }

    /// <summary>Whether that code is one of ours (a fake may copy a real code).</summary>
    public bool ClaimedReferenceKnown { get; set; }

    /// <summary>The sender's number, address or name, masked.</summary>
    public string? SenderMasked { get; set; }

    /// <summary>Host names of the links the message carried, space-separated.</summary>
    public string? LinkHosts { get; set; }

    public string Description { get; set; } = "";

    /// <summary><c>fr</c> or <c>en</c>: the language the reporter used.</summary>
    public string Language { get; set; } = "fr";

    public DateTimeOffset? ReviewedAt { get; set; }

    public Guid? ReviewedBy { get; set; }
}

internal sealed class FakeMessageReportConfiguration : IEntityTypeConfiguration<FakeMessageReport>
{
    public void Configure(EntityTypeBuilder<FakeMessageReport> builder)
    {
        builder.ToTable("fake_message_reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Channel).HasConversion<short>();
        builder.Property(r => r.ClaimedReferenceCode).HasMaxLength(Notifications.Ledger.Message.ReferenceCodeLength);
        builder.Property(r => r.SenderMasked).HasMaxLength(FakeMessageReport.SenderMaxLength);
        builder.Property(r => r.LinkHosts).HasMaxLength(1000);
        builder.Property(r => r.Description).HasMaxLength(FakeMessageReport.DescriptionMaxLength);
        builder.Property(r => r.Language).HasMaxLength(2);
        builder.HasIndex(r => r.CreatedAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Notifications.Receipts;

/// <summary>A delivery receipt already accepted, kept past the freshness window so a replay of it changes nothing.</summary>
public sealed class ReceivedReceipt
{
    /// <summary>SHA-256 of the signature's 32 bytes, not of its hex spelling, which a replay could vary.</summary>
    public required byte[] SignatureHash { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class ReceivedReceiptConfiguration : IEntityTypeConfiguration<ReceivedReceipt>
{
    public void Configure(EntityTypeBuilder<ReceivedReceipt> builder)
    {
        builder.ToTable("sms_receipts");
        builder.HasKey(r => r.SignatureHash);
        builder.HasIndex(r => r.ReceivedAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Checks.Codes;

/// <summary>
/// The one live code for one contact: a new request overwrites the row, so the previous code stops working. The
/// code itself is not stored, only its HMAC under a key outside the database.
/// </summary>
public sealed class VerificationCode
{
    public long Id { get; private set; }

    /// <summary>The contact's blind index (email or phone; the kind is part of the index).</summary>
    public required byte[] ContactIndex { get; set; }

    public required byte[] CodeHash { get; set; }

    /// <summary>The people holding this contact when the code was sent: the ones a session may show.</summary>
    public required long[] PersonIds { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public short Attempts { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}

internal sealed class VerificationCodeConfiguration : IEntityTypeConfiguration<VerificationCode>
{
    public void Configure(EntityTypeBuilder<VerificationCode> builder)
    {
        builder.ToTable("verification_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(c => c.ContactIndex).IsUnique();
        builder.HasIndex(c => c.ExpiresAt);
    }
}

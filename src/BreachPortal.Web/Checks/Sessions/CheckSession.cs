using BreachPortal.Web.Registry.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Checks.Sessions;

/// <summary>
/// What a person who typed the right code may see, for a fixed time: the people who held the contact. The cookie
/// carries a random token; the row keeps only its hash, so a copy of the table opens no session.
/// </summary>
public sealed class CheckSession
{
    public long Id { get; private set; }

    public required byte[] TokenHash { get; set; }

    public required long[] PersonIds { get; set; }

    public BlindIndexKind ContactKind { get; set; }

    /// <summary>The contact as the page shows it, masked.</summary>
    public required string MaskedContact { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class CheckSessionConfiguration : IEntityTypeConfiguration<CheckSession>
{
    public void Configure(EntityTypeBuilder<CheckSession> builder)
    {
        builder.ToTable("check_sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.ContactKind).HasConversion<short>();
        builder.Property(s => s.MaskedContact).HasMaxLength(100);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.ExpiresAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Staff.Accounts;

/// <summary>
/// A one-time enrolment link: choose a password and register a second factor. Only the SHA-256 of the link's
/// token is stored, so the table cannot be used to enrol in someone's place.
/// </summary>
public sealed class StaffInvitation
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public InvitationPurpose Purpose { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Set when a newer link replaces this one, or the account is disabled.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? CreatedBy { get; set; }
}

public enum InvitationPurpose
{
    Enrolment = 1,
    SecondFactorReset = 2,
}

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> builder)
    {
        builder.ToTable("staff_invitations");
        builder.Property(i => i.TokenHash).HasMaxLength(32);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.UserId);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

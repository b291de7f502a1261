using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Staff.Audit;

/// <summary>
/// One row of the append-only audit log. <see cref="Hash"/> is SHA-256 over the previous row's hash and this
/// row's canonical content (<see cref="AuditChain"/>), so a changed, removed or inserted row breaks the chain.
/// Never holds a citizen's identifier in clear: ids and masked values only.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public AuditEventType Type { get; set; }

    /// <summary>The staff account that acted, when there is one.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>Who acted, masked (<c>a•••@agency.fr</c>), or <c>system</c> / <c>command-line</c>.</summary>
    public string Actor { get; set; } = "";

    /// <summary>What the action concerned: <c>staff</c>, <c>person</c>, <c>campaign</c>, <c>audit</c>…</summary>
    public string? SubjectType { get; set; }

    public string? SubjectId { get; set; }

    /// <summary>Free text for the reader; masked values only.</summary>
    public string? Detail { get; set; }

    public string? ClientAddress { get; set; }

    public byte[] PreviousHash { get; set; } = [];

    public byte[] Hash { get; set; } = [];
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Actor).HasMaxLength(320);
        builder.Property(e => e.SubjectType).HasMaxLength(40);
        builder.Property(e => e.SubjectId).HasMaxLength(200);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.Property(e => e.PreviousHash).HasMaxLength(32);
        builder.Property(e => e.Hash).HasMaxLength(32);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.Type, e.OccurredAt });
        builder.HasIndex(e => new { e.ActorId, e.OccurredAt });
        builder.HasIndex(e => e.Hash).IsUnique();
    }
}

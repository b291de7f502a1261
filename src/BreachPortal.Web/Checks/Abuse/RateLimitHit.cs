using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Checks.Abuse;

/// <summary>How many requests one limit refused in one hour (UTC), all clients together.</summary>
public sealed class RateLimitHit
{
    public required string LimitName { get; init; }

    public DateTimeOffset Hour { get; init; }

    public long Hits { get; set; }
}

internal sealed class RateLimitHitConfiguration : IEntityTypeConfiguration<RateLimitHit>
{
    public void Configure(EntityTypeBuilder<RateLimitHit> builder)
    {
        builder.ToTable("rate_limit_hits");
        builder.HasKey(h => new { h.LimitName, h.Hour });
        builder.Property(h => h.LimitName).HasMaxLength(40);
        builder.HasIndex(h => h.Hour);
    }
}

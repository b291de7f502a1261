using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Notifications.Dispatch;

/// <summary>A dispatching process's heartbeat: live instances share each campaign's rate limits between them.</summary>
public sealed class DispatcherInstance
{
    public Guid Id { get; init; }

    public required string Host { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset SeenAt { get; set; }
}

internal sealed class DispatcherInstanceConfiguration : IEntityTypeConfiguration<DispatcherInstance>
{
    public void Configure(EntityTypeBuilder<DispatcherInstance> builder)
    {
        builder.ToTable("dispatcher_instances");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Host).HasMaxLength(200);
    }
}

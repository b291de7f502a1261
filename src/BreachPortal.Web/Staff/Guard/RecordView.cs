using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Staff.Guard;

/// <summary>One view of a person's record by a staff member; rows older than the window are deleted as new ones arrive.</summary>
public sealed class RecordView
{
    public long Id { get; set; }

    public Guid StaffId { get; set; }

    public DateTimeOffset ViewedAt { get; set; }
}

internal sealed class RecordViewConfiguration : IEntityTypeConfiguration<RecordView>
{
    public void Configure(EntityTypeBuilder<RecordView> builder)
    {
        builder.ToTable("staff_record_views");
        builder.HasIndex(v => new { v.StaffId, v.ViewedAt });
    }
}

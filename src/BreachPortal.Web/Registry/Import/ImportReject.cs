using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Registry.Import;

/// <summary>Why one line of a file was not imported: its number, the column and a reason code — never the value.</summary>
public sealed class ImportReject
{
    public const int FieldMaxLength = 64;
    public const int ReasonMaxLength = 64;

    public long Id { get; private set; }

    public long BatchId { get; set; }

    public long Line { get; set; }

    /// <summary>The column's canonical name (<c>nir</c>, <c>email</c>…), or <c>*</c> when the whole line is at fault.</summary>
    public required string Field { get; set; }

    /// <summary>A <see cref="RejectReasons"/> code such as <c>Nir.WrongKey</c>; the text is chosen when it is shown.</summary>
    public required string Reason { get; set; }

    /// <summary>For a duplicate in the file, the line that was kept.</summary>
    public long? SameAsLine { get; set; }
}

internal sealed class ImportRejectConfiguration : IEntityTypeConfiguration<ImportReject>
{
    public void Configure(EntityTypeBuilder<ImportReject> builder)
    {
        builder.ToTable("import_rejects");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Field).HasMaxLength(ImportReject.FieldMaxLength);
        builder.Property(r => r.Reason).HasMaxLength(ImportReject.ReasonMaxLength);
        builder.HasIndex(r => new { r.BatchId, r.Line });
        builder.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

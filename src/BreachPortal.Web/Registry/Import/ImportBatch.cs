using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BreachPortal.Web.Registry.Import;

public enum ImportStatus
{
    Running,
    Completed,
    Failed,
}

public enum ImportSource
{
    CommandLine,
    Upload,
}

/// <summary>One file loaded into the registry. Progress columns are written while it runs, so any instance can show them.</summary>
public sealed class ImportBatch
{
    public const int FileNameMaxLength = 255;

    public long Id { get; private set; }

    public int IncidentId { get; set; }

    public ImportSource Source { get; set; }

    /// <summary>Null when the command line started it.</summary>
    public Guid? StartedBy { get; set; }

    public string? FileName { get; set; }

    /// <summary>Chosen by the upload form before sending, so the page can follow the progress of its own upload.</summary>
    public Guid? UploadToken { get; set; }

    /// <summary>Known once the whole file has been read; the same file is imported at most once.</summary>
    public byte[]? FileSha256 { get; set; }

    public long? BytesExpected { get; set; }

    public long BytesRead { get; set; }

    public long RowsRead { get; set; }

    public long Imported { get; set; }

    public long Rejected { get; set; }

    public long Duplicates { get; set; }

    public ImportStatus Status { get; set; }

    public ImportFailure? Failure { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Written with each progress update; a running batch whose heartbeat stopped was interrupted.</summary>
    public DateTimeOffset HeartbeatAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.ToTable("import_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).UseIdentityAlwaysColumn();
        builder.Property(b => b.FileName).HasMaxLength(ImportBatch.FileNameMaxLength);
        builder.Property(b => b.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Failure).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(b => b.FileSha256).IsUnique().HasFilter($"status = {SqlLiterals.Name(ImportStatus.Completed)}");
        builder.HasIndex(b => new { b.IncidentId, b.StartedAt });
        builder.HasIndex(b => b.UploadToken).IsUnique();
        builder.HasOne<Incident>().WithMany().HasForeignKey(b => b.IncidentId).OnDelete(DeleteBehavior.Restrict);
    }
}

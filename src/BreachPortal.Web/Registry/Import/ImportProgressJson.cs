namespace BreachPortal.Web.Registry.Import;

/// <summary>The progress as the upload page's script reads it; figures only, nothing about the people in the file.</summary>
public sealed record ImportProgressJson(
    long BatchId,
    string Phase,
    long RowsRead,
    double RowsPerSecond,
    double? Percent,
    double? SecondsLeft,
    long Imported,
    long Rejected,
    long Duplicates)
{
    public static ImportProgressJson Of(ImportBatch batch, DateTimeOffset now)
    {
        var progress = ImportProgress.Of(batch, now);
        return new ImportProgressJson(
            batch.Id,
            progress.Phase.ToString(),
            progress.RowsRead,
            Math.Round(progress.RowsPerSecond),
            progress.Fraction is { } f ? Math.Round(f * 100, 1) : null,
            progress.TimeLeft is { } left ? Math.Ceiling(left.TotalSeconds) : null,
            batch.Imported,
            batch.Rejected,
            batch.Duplicates);
    }
}

namespace BreachPortal.Web.Registry.Import;

public enum ImportPhase
{
    Reading,
    Merging,
    Completed,
    Failed,
    Interrupted,
}

/// <summary>
/// What a batch's row says about its progress, as figures a person can read: rows so far, rows per second, the
/// share of the file read and an estimate of the time left for reading it. A running batch whose heartbeat is
/// older than <see cref="SilenceMeansInterrupted"/> was interrupted (its transaction rolled back with it).
/// </summary>
public sealed record ImportProgress(
    long BatchId,
    ImportPhase Phase,
    long RowsRead,
    long BytesRead,
    long? BytesExpected,
    double RowsPerSecond,
    double? Fraction,
    TimeSpan? TimeLeft,
    TimeSpan Elapsed)
{
    public static readonly TimeSpan SilenceMeansInterrupted = TimeSpan.FromSeconds(30);

    public static ImportProgress Of(ImportBatch batch, DateTimeOffset now)
    {
        var phase = batch.Status switch
        {
            ImportStatus.Completed => ImportPhase.Completed,
            ImportStatus.Failed => ImportPhase.Failed,
            _ when now - batch.HeartbeatAt > SilenceMeansInterrupted => ImportPhase.Interrupted,
            _ when batch.BytesExpected is { } expected && batch.BytesRead >= expected => ImportPhase.Merging,
            _ => ImportPhase.Reading,
        };
        var elapsed = ((batch.FinishedAt ?? batch.HeartbeatAt) - batch.StartedAt).Duration();
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        double? fraction = phase == ImportPhase.Completed ? 1
            : batch.BytesExpected is { } total && total > 0 ? Math.Min(1, (double)batch.BytesRead / total) : null;
        TimeSpan? left = phase == ImportPhase.Reading && fraction is > 0 and < 1
            ? TimeSpan.FromSeconds(seconds * (1 - fraction.Value) / fraction.Value)
            : null;
        return new ImportProgress(batch.Id, phase, batch.RowsRead, batch.BytesRead, batch.BytesExpected, batch.RowsRead / seconds, fraction, left, elapsed);
    }
}

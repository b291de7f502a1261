using BreachPortal.Web.Data;
using BreachPortal.Web.Registry.Import.Csv;
using Npgsql;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// Publishes a running import's progress on its own connection, outside the import's transaction, so every
/// portal instance can show it and a batch whose heartbeat stops is known to have been interrupted.
/// </summary>
internal sealed class ProgressWriter : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly string _connectionString;
    private readonly long _batchId;
    private readonly HashingStream _source;
    private readonly RegistryImporter.Counts _counts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ProgressWriter(string connectionString, long batchId, HashingStream source, RegistryImporter.Counts counts, TimeProvider time)
    {
        _connectionString = connectionString;
        _batchId = batchId;
        _source = source;
        _counts = counts;
        _loop = RunAsync(time);
    }

    public async Task FlushAsync(CancellationToken cancellationToken) => await WriteAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(TimeProvider time)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            try
            {
                await WriteAsync(_stop.Token);
            }
            catch (NpgsqlException)
            {
                // Progress is informative; a missed update must not fail the import itself.
            }
        }
    }

    private static readonly string HeartbeatSql =
        $"UPDATE import_batches SET rows_read = $2, bytes_read = $3, heartbeat_at = now() WHERE id = $1 AND status = {SqlLiterals.Name(ImportStatus.Running)}";

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(HeartbeatSql, cancellationToken, _batchId, _counts.Rows, _source.BytesRead);
    }
}

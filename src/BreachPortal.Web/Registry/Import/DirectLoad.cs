using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// The import into an empty registry: every valid line with a NIR not seen before in the file goes straight into
/// <c>people</c> by binary COPY, with its line number, while the rest of the file is still being read and sealed, so
/// the database writes each row once. A line whose NIR the <see cref="NirFilter"/> may have seen is held back, with
/// the problems of rejected lines, in <see cref="ImportStaging"/>: after the identifier indexes are built, the merge
/// settles them as it settles any file (a repeat is a duplicate of the first line, a new NIR is a new person).
/// Held-back rows are flushed in segments (the people COPY is ended, the staging COPY runs, a new people COPY
/// begins) so that a file full of rejects or repeats does not fill the memory either.
/// </summary>
/// <remarks>
/// The exposures are inserted afterwards by one statement (<see cref="StagingMerge.CompleteDirectLoadAsync"/>) rather
/// than copied between segments of people: a connection carries one COPY at a time, and every switch stalled the
/// whole pipeline (measured at 1 M lines: the stream took about 4 s longer, where the statement takes under 3 s).
/// </remarks>
internal sealed class DirectLoad(NpgsqlConnection connection, long batchId, string keyId, DateTimeOffset now, NirFilter seen, RegistryImportOptions options)
{
    public const string PeopleCopySql =
        "COPY people (nir_index, france_travail_id_index, email_index, phone_index, payload, key_id, held_data, first_batch_id, first_line, created_at) FROM STDIN (FORMAT BINARY)";

    private readonly List<StagedRow> _heldBack = [];
    private readonly DateTimeOffset _createdAt = now.ToUniversalTime();
    private NpgsqlBinaryImporter? _people;

    /// <summary>The valid lines written straight into <c>people</c>: each one a person imported.</summary>
    public long People { get; private set; }

    public async Task WriteAsync(ChannelReader<List<StagedRow>> staged, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var rows in staged.ReadAllAsync(cancellationToken))
            {
                foreach (var row in rows)
                {
                    await WriteAsync(row, cancellationToken);
                }

                if (_heldBack.Count >= options.HeldBackRowsPerFlush)
                {
                    await FlushHeldBackAsync(cancellationToken);
                }
            }

            await FlushHeldBackAsync(cancellationToken);
        }
        finally
        {
            if (_people is not null)
            {
                await _people.DisposeAsync();
            }
        }
    }

    private async Task WriteAsync(StagedRow row, CancellationToken cancellationToken)
    {
        if (row.NirIndex is not { } nir || !seen.Add(nir))
        {
            _heldBack.Add(row);
            return;
        }

        _people ??= await ImportStaging.BeginCopyAsync(connection, PeopleCopySql, cancellationToken);
        _people.StartRow();
        _people.Write(nir, NpgsqlDbType.Bytea);
        ImportStaging.WriteNullable(_people, row.FranceTravailIdIndex, NpgsqlDbType.Bytea);
        ImportStaging.WriteNullable(_people, row.EmailIndex, NpgsqlDbType.Bytea);
        ImportStaging.WriteNullable(_people, row.PhoneIndex, NpgsqlDbType.Bytea);
        ImportStaging.WriteNullable(_people, row.Payload, NpgsqlDbType.Bytea);
        _people.Write(keyId, NpgsqlDbType.Varchar);
        _people.Write(row.HeldData, NpgsqlDbType.Bigint);
        _people.Write(batchId, NpgsqlDbType.Bigint);
        _people.Write(row.Line, NpgsqlDbType.Bigint);
        _people.Write(_createdAt, NpgsqlDbType.TimestampTz);
    }

    private async Task FlushHeldBackAsync(CancellationToken cancellationToken)
    {
        if (_people is not null)
        {
            People += (long)await _people.CompleteAsync(cancellationToken);
            await _people.DisposeAsync();
            _people = null;
        }

        if (_heldBack.Count == 0)
        {
            return;
        }

        await using (var copy = await ImportStaging.BeginCopyAsync(connection, cancellationToken))
        {
            foreach (var row in _heldBack)
            {
                ImportStaging.Write(copy, row);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        _heldBack.Clear();
    }
}

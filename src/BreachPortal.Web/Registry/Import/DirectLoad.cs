using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// The import into an empty registry: every valid line goes straight into <c>people</c> by binary COPY, with its line
/// number, while the rest of the file is still being read and sealed, so the database writes each row once and the
/// portal remembers nothing per person. Repeats of a NIR in the file are settled afterwards by one set-based
/// statement (<see cref="StagingMerge.CompleteDirectLoadAsync"/>), before the unique index is built. The problems of
/// rejected lines go to <see cref="ImportStaging"/>, flushed in segments (the people COPY is ended, the staging COPY
/// runs, a new people COPY begins) so that a file full of rejects does not fill the memory either.
/// </summary>
internal sealed class DirectLoad(NpgsqlConnection connection, long batchId, string keyId, DateTimeOffset now, RegistryImportOptions options)
{
    public const string PeopleCopySql =
        "COPY people (nir_index, france_travail_id_index, email_index, phone_index, payload, key_id, held_data, first_batch_id, first_line, created_at) FROM STDIN (FORMAT BINARY)";

    private readonly List<StagedRow> _problems = [];
    private readonly DateTimeOffset _createdAt = now.ToUniversalTime();
    private NpgsqlBinaryImporter? _people;

    /// <summary>The valid lines written straight into <c>people</c>, repeats included.</summary>
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

                if (_problems.Count >= options.HeldBackRowsPerFlush)
                {
                    await FlushProblemsAsync(cancellationToken);
                }
            }

            await FlushProblemsAsync(cancellationToken);
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
        if (row.NirIndex is not { } nir)
        {
            _problems.Add(row);
            return;
        }

        _people ??= await BeginPeopleAsync(cancellationToken);
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

    private async Task<NpgsqlBinaryImporter> BeginPeopleAsync(CancellationToken cancellationToken)
    {
        var copy = await connection.BeginBinaryImportAsync(PeopleCopySql, cancellationToken);
        copy.Timeout = ImportStaging.CopyTimeout;
        return copy;
    }

    private async Task FlushProblemsAsync(CancellationToken cancellationToken)
    {
        if (_people is not null)
        {
            People += (long)await _people.CompleteAsync(cancellationToken);
            await _people.DisposeAsync();
            _people = null;
        }

        if (_problems.Count == 0)
        {
            return;
        }

        await using (var copy = await ImportStaging.BeginCopyAsync(connection, cancellationToken))
        {
            foreach (var row in _problems)
            {
                ImportStaging.Write(copy, row);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        _problems.Clear();
    }
}

using System.Buffers.Binary;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// The import into an empty registry: each new person goes straight into <c>people</c> by binary COPY while the rest
/// of the file is still being read and sealed, so the database writes the row once. What cannot be decided on the
/// way, in one pass, goes to <see cref="ImportStaging"/> for <see cref="StagingMerge"/>: the problems of rejected
/// lines, and every line whose NIR index starts like that of an earlier line (a repeat in the file, or rarely two
/// NIRs whose indexes share their first bits).
/// </summary>
/// <remarks>
/// Only the first 64 bits of each NIR index are remembered, with the line they came from: about 30 bytes a person in
/// memory where the whole index would take three times more. The held-back lines are flushed to the staging table
/// in segments (the people COPY is ended, the staging COPY runs, a new people COPY begins), so a file full of
/// rejects does not fill the memory either.
/// </remarks>
internal sealed class DirectLoad(NpgsqlConnection connection, long batchId, string keyId, DateTimeOffset now, RegistryImportOptions options)
{
    public const string PeopleCopySql =
        "COPY people (nir_index, france_travail_id_index, email_index, phone_index, payload, key_id, held_data, first_batch_id, created_at) FROM STDIN (FORMAT BINARY)";

    private readonly Dictionary<long, long> _firstLines = [];
    private readonly List<(StagedRow Row, long? SameAsLine)> _heldBack = [];
    private readonly DateTimeOffset _createdAt = now.ToUniversalTime();
    private NpgsqlBinaryImporter? _people;

    /// <summary>The people written straight into <c>people</c>.</summary>
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
        if (row.NirIndex is not { } nir)
        {
            _heldBack.Add((row, null));
            return;
        }

        var prefix = Prefix(nir, options.DuplicateFilterBits);
        if (_firstLines.TryGetValue(prefix, out var first))
        {
            _heldBack.Add((row, first));
            return;
        }

        _firstLines.Add(prefix, row.Line);
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
        _people.Write(_createdAt, NpgsqlDbType.TimestampTz);
    }

    /// <summary>The first <paramref name="bits"/> bits of an index (fewer than 64 only in tests, to make prefixes meet).</summary>
    internal static long Prefix(byte[] index, int bits) => (long)(BinaryPrimitives.ReadUInt64BigEndian(index) >> (64 - bits));

    private async Task<NpgsqlBinaryImporter> BeginPeopleAsync(CancellationToken cancellationToken)
    {
        var copy = await connection.BeginBinaryImportAsync(PeopleCopySql, cancellationToken);
        copy.Timeout = ImportStaging.CopyTimeout;
        return copy;
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
            foreach (var (row, sameAsLine) in _heldBack)
            {
                ImportStaging.Write(copy, row, sameAsLine);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        _heldBack.Clear();
    }
}

using Npgsql;
using NpgsqlTypes;

namespace BreachPortal.Web.Registry.Import;

/// <summary>
/// The import's temporary <c>import_staging</c> table, dropped at commit: the rows <see cref="StagingMerge"/> merges
/// with statements (problems of rejected lines, and, when the registry already holds people, every valid line).
/// </summary>
internal static class ImportStaging
{
    public const string CreateSql = """
        CREATE TEMP TABLE import_staging (
            line bigint NOT NULL,
            field text,
            reason text,
            nir_index bytea,
            ft_index bytea,
            email_index bytea,
            phone_index bytea,
            payload bytea,
            held bigint NOT NULL
        ) ON COMMIT DROP
        """;

    public const string CopySql =
        "COPY import_staging (line, field, reason, nir_index, ft_index, email_index, phone_index, payload, held) FROM STDIN (FORMAT BINARY)";

    /// <summary>A COPY of one part of a national file outlasts Npgsql's 30-second default.</summary>
    public static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(10);

    public static Task<NpgsqlBinaryImporter> BeginCopyAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        BeginCopyAsync(connection, CopySql, cancellationToken);

    /// <param name="connection">The import's connection.</param>
    /// <param name="copySql">A binary COPY … FROM STDIN: into staging, or into <c>people</c> for a <see cref="DirectLoad"/>.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    public static async Task<NpgsqlBinaryImporter> BeginCopyAsync(NpgsqlConnection connection, string copySql, CancellationToken cancellationToken)
    {
        var copy = await connection.BeginBinaryImportAsync(copySql, cancellationToken);
        copy.Timeout = CopyTimeout;
        return copy;
    }

    /// <param name="copy">A COPY begun by <see cref="BeginCopyAsync(NpgsqlConnection, CancellationToken)"/>.</param>
    /// <param name="row">The staged line.</param>
    public static void Write(NpgsqlBinaryImporter copy, in StagedRow row)
    {
        // Synchronous writes only fill Npgsql's buffer (an await per field cost more than the field); the socket
        // is written when it is full, briefly blocking the one writing task.
        copy.StartRow();
        copy.Write(row.Line, NpgsqlDbType.Bigint);
        WriteNullable(copy, row.Field, NpgsqlDbType.Text);
        WriteNullable(copy, row.Reason, NpgsqlDbType.Text);
        WriteNullable(copy, row.NirIndex, NpgsqlDbType.Bytea);
        WriteNullable(copy, row.FranceTravailIdIndex, NpgsqlDbType.Bytea);
        WriteNullable(copy, row.EmailIndex, NpgsqlDbType.Bytea);
        WriteNullable(copy, row.PhoneIndex, NpgsqlDbType.Bytea);
        WriteNullable(copy, row.Payload, NpgsqlDbType.Bytea);
        copy.Write(row.HeldData, NpgsqlDbType.Bigint);
    }

    public static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }
}

using Npgsql;
using NpgsqlTypes;

namespace BreachPortal.Web.Data;

/// <summary>
/// The one way plain SQL runs, for the set-based statements EF does not express: commands and batches with positional
/// parameters, on a connection or the portal's <see cref="NpgsqlDataSource"/>, and the readers' small conversions.
/// </summary>
public static class PortalSql
{
    /// <summary>Set-based statements over millions of rows outlast Npgsql's 30-second default.</summary>
    public const int CommandTimeoutSeconds = 600;

    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<int> ExecuteAsync(this NpgsqlDataSource database, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(database, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>The first column of the first row; default when there is no row or it is NULL.</returns>
    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default! : (T)value;
    }

    /// <summary>Every row of a query, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ListAsync(read, cancellationToken);
    }

    /// <summary>The rest of the current result set, each row read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] parameters) =>
        WithParameters(new NpgsqlCommand(sql, connection), parameters);

    public static NpgsqlCommand Command(NpgsqlDataSource database, string sql, params object?[] parameters) =>
        WithParameters(database.CreateCommand(sql), parameters);

    /// <summary>One statement of an <see cref="NpgsqlBatch"/>.</summary>
    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddAll(command.Parameters, parameters);
        return command;
    }

    /// <summary>Statements sent in one round trip, on <paramref name="connection"/> (inside <paramref name="transaction"/> when given).</summary>
    public static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction, params NpgsqlBatchCommand[] commands) =>
        WithCommands(new NpgsqlBatch(connection, transaction), commands);

    /// <summary>Statements sent in one round trip on a connection of <paramref name="database"/>.</summary>
    public static NpgsqlBatch Batch(NpgsqlDataSource database, params NpgsqlBatchCommand[] commands) =>
        WithCommands(database.CreateBatch(), commands);

    /// <summary>
    /// A parameter whose type is fixed by <typeparamref name="T"/>: no boxing and no type inference on each execution,
    /// for the statements that run per request or per message. Passed through as is by every helper here.
    /// </summary>
    public static NpgsqlParameter<T> Typed<T>(T value) => new() { TypedValue = value };

    /// <summary>A typed timestamptz, which Npgsql writes only from UTC values.</summary>
    public static NpgsqlParameter<DateTimeOffset> Typed(DateTimeOffset moment) => new() { TypedValue = moment.ToUniversalTime() };

    public static int? NullableInt32(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static long? NullableInt64(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset? NullableMoment(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset Moment(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static NpgsqlParameter Parameter(object? value) => value switch
    {
        NpgsqlParameter given => given,
        null => new NpgsqlParameter { Value = DBNull.Value },

        // Npgsql writes timestamptz only from UTC values.
        DateTimeOffset moment => new NpgsqlParameter { Value = moment.ToUniversalTime() },

        // An array of strings that may hold NULLs: the element type cannot be read from a null.
        string?[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
        _ => new NpgsqlParameter { Value = value },
    };

    private static NpgsqlCommand WithParameters(NpgsqlCommand command, object?[] parameters)
    {
        command.CommandTimeout = CommandTimeoutSeconds;
        AddAll(command.Parameters, parameters);
        return command;
    }

    private static NpgsqlBatch WithCommands(NpgsqlBatch batch, NpgsqlBatchCommand[] commands)
    {
        batch.Timeout = CommandTimeoutSeconds;
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static void AddAll(NpgsqlParameterCollection collection, object?[] parameters)
    {
        foreach (var parameter in parameters)
        {
            collection.Add(Parameter(parameter));
        }
    }
}

using Npgsql;

namespace BreachPortal.Web.Data;

/// <summary>Plain SQL on an open connection, for the set-based statements EF does not express (positional parameters).</summary>
internal static class PortalSql
{
    /// <summary>Set-based statements over millions of rows outlast Npgsql's 30-second default.</summary>
    public const int CommandTimeoutSeconds = 600;

    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>The first column of the first row; default when there is no row or it is NULL.</returns>
    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default! : (T)value;
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeoutSeconds };
        foreach (var parameter in parameters)
        {
            // Npgsql writes timestamptz only from UTC values.
            command.Parameters.Add(new NpgsqlParameter { Value = parameter is DateTimeOffset moment ? moment.ToUniversalTime() : parameter });
        }

        return command;
    }
}

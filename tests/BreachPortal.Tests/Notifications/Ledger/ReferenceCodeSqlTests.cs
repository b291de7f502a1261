using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>The database's reference codes (portal_reference_code_of, portal_reference_code), which the launch writes.</summary>
public sealed class ReferenceCodeSqlTests(PostgresServer server)
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0L)]
    [InlineData((1L << 60) - 1)]
    [InlineData(0x0123_4567_89AB_CDEFL)]
    [InlineData(-1L)]
    public async Task TheCodeOfGivenBits_IsTheirLowSixtyBitsInCrockfordBase32(long bits)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT portal_reference_code_of($1)", connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = bits } } };

        Assert.Equal(Spelled(bits), (string?)await command.ExecuteScalarAsync(Cancel));
    }

    [Fact]
    public async Task DrawnCodes_AreNormalisedAsThemselves_AndDoNotRepeat()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT portal_reference_code() FROM generate_series(1, 2000)", connection);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            codes.Add(reader.GetString(0));
        }

        Assert.All(codes, c => Assert.Equal(c, ReferenceCode.Normalize(c)));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    private static string Spelled(long bits)
    {
        var characters = Enumerable.Range(0, 12).Select(i => Crockford[(int)((bits >> (5 * (11 - i))) & 31)]).ToArray();
        return $"{new string(characters[..4])}-{new string(characters[4..8])}-{new string(characters[8..])}";
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(await server.CreateDatabaseAsync());
        await connection.OpenAsync(Cancel);
        return connection;
    }
}

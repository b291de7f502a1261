using System.Security.Cryptography;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Checks.Codes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Checks.Codes;

public sealed class OneTimeCodesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private OneTimeCodes Codes => app.Factory.Services.GetRequiredService<OneTimeCodes>();

    [Fact]
    public async Task TheRightCode_ProvesThePeopleOnce()
    {
        var contact = NewContact();
        await IssueAsync(contact, "123456", [7, 9]);

        Assert.Equal((long[]?)[7L, 9L], await Codes.RedeemAsync(contact, "123 456", Token));
        Assert.Null(await Codes.RedeemAsync(contact, "123456", Token));
    }

    [Fact]
    public async Task AWrongCode_IsRefused_AndTheRightOneStillWorksWithinTheAttempts()
    {
        var contact = NewContact();
        await IssueAsync(contact, "654321", [1]);

        Assert.Null(await Codes.RedeemAsync(contact, "654320", Token));
        Assert.Null(await Codes.RedeemAsync(contact, "abc", Token));
        Assert.Equal((long[]?)[1L], await Codes.RedeemAsync(contact, "654321", Token));
    }

    [Fact]
    public async Task TheSixthAttempt_IsRefused_EvenWithTheRightCode()
    {
        var contact = NewContact();
        await IssueAsync(contact, "111111", [1]);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await Codes.RedeemAsync(contact, "222222", Token));
        }

        Assert.Null(await Codes.RedeemAsync(contact, "111111", Token));
    }

    [Fact]
    public async Task ANewRequest_VoidsThePreviousCode()
    {
        var contact = NewContact();
        await IssueAsync(contact, "333333", [1]);
        await IssueAsync(contact, "444444", [1]);

        Assert.Null(await Codes.RedeemAsync(contact, "333333", Token));
        Assert.Equal((long[]?)[1L], await Codes.RedeemAsync(contact, "444444", Token));
    }

    [Fact]
    public async Task AnExpiredCode_IsRefused()
    {
        var contact = NewContact();
        await IssueAsync(contact, "555555", [1]);
        await ExecuteAsync("UPDATE verification_codes SET expires_at = now() - interval '1 second' WHERE contact_index = $1", contact);

        Assert.Null(await Codes.RedeemAsync(contact, "555555", Token));
    }

    [Fact]
    public async Task ACodeForAnotherContact_IsRefused()
    {
        var contact = NewContact();
        await IssueAsync(contact, "666666", [1]);

        Assert.Null(await Codes.RedeemAsync(NewContact(), "666666", Token));
    }

    [Fact]
    public async Task TwoRequestsRacingWithTheRightCode_OnlyOneWins()
    {
        var contact = NewContact();
        await IssueAsync(contact, "777777", [1]);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Codes.RedeemAsync(contact, "777777", Token)));

        Assert.Single(results, r => r is not null);
    }

    [Fact]
    public async Task TheStoredRow_HoldsAKeyedHash_NotTheCode()
    {
        var contact = NewContact();
        await IssueAsync(contact, "888888", [1]);

        await using var connection = await Database.OpenConnectionAsync(Token);
        await using var command = new NpgsqlCommand("SELECT code_hash FROM verification_codes WHERE contact_index = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = contact });
        var stored = (byte[])(await command.ExecuteScalarAsync(Token))!;

        Assert.Equal(32, stored.Length);
        Assert.NotEqual(SHA256.HashData([.. contact, .. "888888"u8]), stored);
        Assert.Equal(Codes.Hash(contact, "888888"), stored);
    }

    [Fact]
    public void NewCodes_AreSixDigits_AndVary()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => OneTimeCodes.NewCode()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        Assert.True(codes.Distinct().Count() > 190);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private NpgsqlDataSource Database => app.Factory.Services.GetRequiredService<NpgsqlDataSource>();

    private static byte[] NewContact() => RandomNumberGenerator.GetBytes(32);

    private async Task IssueAsync(byte[] contact, string code, long[] people)
    {
        await using var batch = Database.CreateBatch();
        batch.BatchCommands.Add(Codes.IssueCommand(contact, code, people));
        await batch.ExecuteNonQueryAsync(Token);
    }

    private async Task ExecuteAsync(string sql, byte[] contact)
    {
        await using var command = Database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = contact });
        await command.ExecuteNonQueryAsync(Token);
    }
}

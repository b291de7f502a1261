using System.Text.RegularExpressions;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications;
using BreachPortal.Web.Checks.Codes;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Registry.Protection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Checks.Codes;

public sealed partial class CheckRequestWorkerTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task AKnownEmail_GetsACodeByEmail_ThroughThePriorityLane()
    {
        var person = (await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 1)).Single();
        var index = Index(BlindIndexKind.Email, EmailAddress.BlindIndexForm(person.Email!));

        await RequestAsync(new CheckRequest(BlindIndexKind.Email, index, "en"));

        var message = Assert.Single(await PriorityMessagesForAsync(person.Id));
        Assert.Equal(MessageChannel.Email, message.Channel);
        Assert.Equal("en", message.Language);
        var (subject, text) = Services.GetRequiredService<PriorityMessages>().Open(message.Reference, message.Content);
        Assert.Equal("Your verification code", subject);
        Assert.DoesNotContain("http", text, StringComparison.Ordinal);
        Assert.Contains($"Reference of this message: {message.Reference}", text, StringComparison.Ordinal);
        var code = SixDigits().Match(text).Value;
        Assert.Equal((long[]?)[person.Id], await Services.GetRequiredService<OneTimeCodes>().RedeemAsync(index, code, Token));
    }

    [Fact]
    public async Task AKnownMobile_GetsACodeBySms_InFrench()
    {
        var person = (await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 1, email: false)).Single();
        var index = Index(BlindIndexKind.Phone, person.Phone!);

        await RequestAsync(new CheckRequest(BlindIndexKind.Phone, index, "fr"));

        var message = Assert.Single(await PriorityMessagesForAsync(person.Id));
        Assert.Equal(MessageChannel.Sms, message.Channel);
        var (subject, text) = Services.GetRequiredService<PriorityMessages>().Open(message.Reference, message.Content);
        Assert.Null(subject);
        Assert.Contains("est votre code de vérification", text, StringComparison.Ordinal);
        Assert.Matches(SixDigits(), text);
    }

    [Fact]
    public async Task AnUnknownContact_LeavesNoTrace()
    {
        var index = Index(BlindIndexKind.Email, "nobody.at.all@example.org");

        await RequestAsync(new CheckRequest(BlindIndexKind.Email, index, "fr"));

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM verification_codes WHERE contact_index = $1", index));
    }

    [Fact]
    public async Task AnEmailSharedByTwoPeople_ProvesBoth_AndSendsOneCode()
    {
        var people = await NotificationPeople.ImportAsync(app.Factory, "FT-2024-03", 2, emailDomain: "shared.example");
        // Give the second person the first one's address index, as a registry holding one family address twice would.
        var index = Index(BlindIndexKind.Email, EmailAddress.BlindIndexForm(people[0].Email!));
        await using (var command = Database.CreateCommand("UPDATE people SET email_index = $1 WHERE id = $2"))
        {
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = index });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = people[1].Id });
            await command.ExecuteNonQueryAsync(Token);
        }

        await RequestAsync(new CheckRequest(BlindIndexKind.Email, index, "fr"));

        Assert.Equal(
            people.Select(p => p.Id).Order().ToArray(),
            await ScalarAsync<long[]>("SELECT person_ids FROM verification_codes WHERE contact_index = $1", index));
        var first = people.Min(p => p.Id);
        Assert.Single(await PriorityMessagesForAsync(first));
        Assert.Empty(await PriorityMessagesForAsync(people.Max(p => p.Id)));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private IServiceProvider Services => app.Factory.Services;

    private NpgsqlDataSource Database => Services.GetRequiredService<NpgsqlDataSource>();

    private byte[] Index(BlindIndexKind kind, string normalized) => Services.GetRequiredService<BlindIndex>().Compute(kind, normalized);

    private async Task RequestAsync(CheckRequest request)
    {
        var worker = Services.GetRequiredService<CheckRequestWorker>();
        var before = worker.Processed;
        Services.GetRequiredService<CheckRequests>().Enqueue(request);
        await Eventually.UntilAsync(() => worker.Processed > before, "The check request worker did not take the request");
    }

    private async Task<List<(string Reference, MessageChannel Channel, string Language, byte[] Content)>> PriorityMessagesForAsync(long personId)
    {
        await using var command = Database.CreateCommand("SELECT reference_code, channel, language, content FROM messages WHERE person_id = $1 AND campaign_id IS NULL AND priority = 1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = personId });
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<(string, MessageChannel, string, byte[])>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add((reader.GetString(0), (MessageChannel)reader.GetInt16(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3)));
        }

        return rows;
    }

    private Task<long> ScalarAsync(string sql, byte[] index) => ScalarAsync<long>(sql, index);

    private async Task<T> ScalarAsync<T>(string sql, byte[] index)
    {
        await using var command = Database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = index });
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();
}

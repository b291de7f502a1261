using System.Net;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications.Sms;
using BreachPortal.Web.Notifications.Ledger;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Receipts;

public sealed class SmsReceiptHousekeepingTests(ReceiptsPortal portal) : IClassFixture<ReceiptsPortal>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstReceiptAfterStart_ForgetsRememberedReceiptsOlderThanADay_AndKeepsRecentOnes()
    {
        await using var connection = new NpgsqlConnection(portal.ConnectionString);
        await connection.OpenAsync(Ct);
        await using (var seed = new NpgsqlCommand(
            """
            INSERT INTO sms_receipts (signature_hash, received_at)
            VALUES ('\x01'::bytea, now() - interval '25 hours'), ('\x02'::bytea, now() - interval '23 hours')
            """,
            connection))
        {
            await seed.ExecuteNonQueryAsync(Ct);
        }

        var reference = await portal.InsertSmsAsync(MessageStatus.Sent);
        using var response = await portal.Gateway.SendReceiptAsync(ReceiptsPortal.BaseUrl, "gw-1", reference, "delivered", SmsServices.ReceiptSecret, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var remaining = new NpgsqlCommand("SELECT array_agg(get_byte(signature_hash, 0) ORDER BY received_at) FROM sms_receipts WHERE length(signature_hash) = 1", connection);
        var kept = (int[])(await remaining.ExecuteScalarAsync(Ct))!;
        Assert.Equal(2, Assert.Single(kept));
        await using var total = new NpgsqlCommand("SELECT count(*) FROM sms_receipts", connection);
        Assert.Equal(2L, await total.ExecuteScalarAsync(Ct));
    }
}

public sealed class SmsReceiptsNotConfiguredTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task Receipt_OnAPortalWithoutAReceiptSecret_IsRefusedAsUnavailable_SoTheGatewayTriesAgainLater()
    {
        await using var gateway = await TestSmsGateway.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        gateway.ReceiptClient = app.CreateClient();

        using var response = await gateway.SendReceiptAsync(
            ReceiptsPortal.BaseUrl, "gw-1", "AAAA-AAAA-AAAA", "delivered", SmsServices.ReceiptSecret, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        gateway.ReceiptClient.Dispose();
    }
}

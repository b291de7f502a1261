using BreachPortal.Tests.Infrastructure;
using BreachPortal.Tests.Notifications.Campaigns;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Notifications.Ledger;

/// <summary>
/// The campaigns' tallies kept by the database's triggers: after every kind of statement on the ledger, folded or
/// not, they hold exactly what a count of the rows gives, group by group.
/// </summary>
public sealed class LedgerTalliesTests(PortalApp app) : IClassFixture<PortalApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NpgsqlDataSource Database => app.Factory.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public async Task Tallies_AddUpToTheRows_AfterInsertsUpdatesAndDeletes_FoldedOrNot()
    {
        var now = DateTimeOffset.UtcNow;
        var (campaign, _) = await ProgressLedger.MixedCampaignAsync(app, now);
        await TallyCheck.LedgerMatchesRowsAsync(app.ConnectionString, campaign);

        // Receipts: sent → delivered and sent → failed, then everything folded.
        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Email, 1, 1, MessageStatus.Delivered, now, sentAgo: 10, completedAgo: 1);
        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Email, 2, 2, MessageStatus.PermanentFailure, now, sentAgo: 10, completedAgo: 1, reason: "receipt-undelivered");
        await LedgerTallies.FoldAsync(Database, now.AddHours(1), Ct);
        Assert.Equal(0, await TallyCheck.LedgerChangesAsync(app.ConnectionString, campaign));
        await TallyCheck.LedgerMatchesRowsAsync(app.ConnectionString, campaign);

        // More moves after the fold, then rows deleted: tallies and changes add up together.
        await ProgressLedger.SetAsync(app, campaign, MessageChannel.Sms, 4, 6, MessageStatus.Sent, now, sentAgo: 3);
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM messages WHERE campaign_id = {campaign} AND channel = {(short)MessageChannel.Sms} AND status = {(short)MessageStatus.Created}", Ct);
        }

        await TallyCheck.LedgerMatchesRowsAsync(app.ConnectionString, campaign);
        await LedgerTallies.FoldAsync(Database, now.AddHours(1), Ct);
        await TallyCheck.LedgerMatchesRowsAsync(app.ConnectionString, campaign);
    }

    [Fact]
    public async Task AnUpdateThatMovesNoFigure_AddsNoChange()
    {
        var (campaign, _) = await ProgressLedger.RunningCampaignAsync(app, ChannelPolicy.Both, people: 3);
        var before = await TallyCheck.LedgerChangesAsync(app.ConnectionString, campaign);

        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE messages SET attempts = attempts + 1, next_attempt_at = next_attempt_at + interval '1 minute' WHERE campaign_id = {campaign}", Ct);
        }

        Assert.Equal(before, await TallyCheck.LedgerChangesAsync(app.ConnectionString, campaign));
        await TallyCheck.LedgerMatchesRowsAsync(app.ConnectionString, campaign);
    }

    [Fact]
    public async Task TheUpkeepsFold_KeepsTheLastMinute_SoTheRateStaysRight()
    {
        var now = DateTimeOffset.UtcNow;
        var (campaign, _) = await ProgressLedger.MixedCampaignAsync(app, now);

        await LedgerTallies.FoldAsync(Database, now - LedgerTallies.KeptChanges, Ct);

        var report = await app.Factory.Services.GetRequiredService<CampaignProgress>().ReportAsync(campaign, now, Ct);
        Assert.Equal(0.1, report!.Channel(MessageChannel.Email).PerSecond, 6);
        Assert.Equal(20, report.Total);
        await TallyCheck.LedgerMatchesRowsAsync(app.ConnectionString, campaign);
    }

    [Fact]
    public async Task TwoFoldsAtOnce_CountEachChangeOnce()
    {
        var now = DateTimeOffset.UtcNow;
        var (campaign, _) = await ProgressLedger.MixedCampaignAsync(app, now);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => LedgerTallies.FoldAsync(Database, now.AddHours(1), Ct)));
        await LedgerTallies.FoldAsync(Database, now.AddHours(1), Ct);

        Assert.Equal(0, await TallyCheck.LedgerChangesAsync(app.ConnectionString, campaign));
        await TallyCheck.LedgerMatchesRowsAsync(app.ConnectionString, campaign);
    }
}

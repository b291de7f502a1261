using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Checks.Abuse;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BreachPortal.Tests.Checks.Abuse;

public sealed class AbuseCountersTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public void Take_ReturnsTheHitsOnce()
    {
        var counters = new AbuseCounters();
        counters.Hit(AbuseCounters.Check);
        counters.Hit(AbuseCounters.Check);
        counters.Hit(AbuseCounters.Verify);

        var taken = counters.Take();

        Assert.Equal(2, taken[AbuseCounters.Check]);
        Assert.Equal(1, taken[AbuseCounters.Verify]);
        Assert.Empty(counters.Take());
    }

    [Fact]
    public void Restore_PutsBackWhatCouldNotBeStored()
    {
        var counters = new AbuseCounters();
        counters.Hit(AbuseCounters.Code);
        counters.Restore(new Dictionary<string, long> { [AbuseCounters.Code] = 4 });

        Assert.Equal(5, counters.Take()[AbuseCounters.Code]);
    }

    [Fact]
    public async Task Flush_AddsTheHitsToTheHour()
    {
        var services = app.Factory.Services;
        var counters = services.GetRequiredService<AbuseCounters>();
        var flusher = services.GetRequiredService<AbuseCounterFlusher>();
        var before = await HitsAsync(AbuseCounters.Report);

        counters.Hit(AbuseCounters.Report);
        await flusher.FlushAsync(TestContext.Current.CancellationToken);
        counters.Hit(AbuseCounters.Report);
        counters.Hit(AbuseCounters.Report);
        await flusher.FlushAsync(TestContext.Current.CancellationToken);

        Assert.Equal(before + 3, await HitsAsync(AbuseCounters.Report));
    }

    private async Task<long> HitsAsync(string limit)
    {
        await using var command = app.Factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT coalesce(sum(hits), 0)::bigint FROM rate_limit_hits WHERE limit_name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = limit });
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

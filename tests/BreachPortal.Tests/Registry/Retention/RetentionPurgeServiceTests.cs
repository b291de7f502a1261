using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Registry.Retention;
using BreachPortal.Web.Staff.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BreachPortal.Tests.Registry.Retention;

public sealed class RetentionPurgeServiceTests(PostgresServer server)
{
    /// <summary>Saturday 28 March 2026, 11:00 in Paris; the clocks go forward that night.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 28, 10, 0, 0, TimeSpan.Zero);

    /// <summary>03:30 in Paris, already summer time: 01:30 UTC.</summary>
    private static readonly DateTimeOffset FirstRun = new(2026, 3, 29, 1, 30, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset SecondRun = FirstRun.AddDays(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DailyJob_WhenItsTimeComes_ErasesWhatIsDue_AuditsAsTheSystem_AndWaitsForTheNextDay()
    {
        var clock = new ManualClock(Start);
        await using var portal = await PortalFactory.StartAsync(server, factory =>
        {
            factory.Settings[RetentionOptions.Section + ":DailyPurge"] = "true";
            factory.Replace<TimeProvider>(clock);
        });
        var connectionString = portal.ConnectionString;

        var people = await RetentionPeople.ImportNewAsync(portal.Services, "FT-2024-03", 2);
        await RetentionPeople.SetRetainUntilAsync(connectionString, FirstRun.AddHours(-1), people[0]);
        await RetentionPeople.SetRetainUntilAsync(connectionString, FirstRun.AddHours(1), people[1]);
        await clock.WaitForTimerAsync(FirstRun);
        await RetentionPeople.AssertIntactAsync(portal.Services, connectionString, people[0]);

        clock.AdvanceTo(FirstRun);
        await clock.WaitForTimerAsync(SecondRun);

        await RetentionPeople.AssertErasedAsync(connectionString, people[0]);
        Assert.Equal(FirstRun, (await RetentionPeople.ReadAsync(connectionString, people[0])).PurgedAt);
        await RetentionPeople.AssertIntactAsync(portal.Services, connectionString, people[1]);
        var purged = Assert.Single(await AuditTrail.OfTypeAsync(connectionString, AuditEventType.RegistryPurged));
        Assert.Equal("system", purged.Actor);
        Assert.StartsWith("erased=1 ", purged.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyJob_DatabaseUnreachable_LogsTheFailureAndTriesAgainTheNextDay()
    {
        var clock = new ManualClock(Start);
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddSingleton<TimeProvider>(clock)
            .AddScoped(_ => PostgresServer.CreateContext(UnreachableDatabase.ConnectionString))
            .AddScoped<AuditLog>()
            .AddScoped<RegistryRetention>()
            .AddSingleton<RetentionPurgeService>();
        services.AddOptions<RetentionOptions>();
        await using var provider = services.BuildServiceProvider();
        var job = provider.GetRequiredService<RetentionPurgeService>();
        await job.StartAsync(Ct);
        await clock.WaitForTimerAsync(FirstRun);

        clock.AdvanceTo(FirstRun);
        await clock.WaitForTimerAsync(SecondRun);

        Assert.False(job.ExecuteTask!.IsCompleted);
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("The daily registry purge failed", StringComparison.Ordinal));
        await job.StopAsync(Ct);
    }

    [Fact]
    public async Task DailyJob_Disabled_StopsAtOnceWithoutSchedulingAnything()
    {
        await using var factory = await PortalFactory.StartAsync(server, demoData: false);

        var job = factory.Services.GetServices<IHostedService>().OfType<RetentionPurgeService>().Single();

        await job.ExecuteTask!.WaitAsync(Eventually.Ceiling, Ct);
        Assert.True(job.ExecuteTask.IsCompletedSuccessfully);
    }
}

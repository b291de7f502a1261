using System.Diagnostics;
using System.Text.Json;
using BreachPortal.Tests.Infrastructure;

namespace BreachPortal.Tests.Hosting;

public sealed class LoggingFormatTests(PortalApp app) : IClassFixture<PortalApp>
{
    [Fact]
    public async Task JsonFormat_WritesEveryConsoleLineAsAJsonEvent()
    {
        var lines = await ServerOutputUntilListeningAsync(new Dictionary<string, string?> { ["Serilog__Format"] = "json" });

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("Level", out _), line);
            Assert.True(json.RootElement.TryGetProperty("RenderedMessage", out _), line);
        }

        Assert.Contains(lines, l => l.Contains("Now listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TextFormat_IsTheDefault()
    {
        var lines = await ServerOutputUntilListeningAsync(new Dictionary<string, string?>());

        Assert.Contains(lines, l => l.Contains("INF] Microsoft.Hosting.Lifetime: Now listening on", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    /// <summary>Starts the built portal, collects its console output until it listens, then stops it.</summary>
    private async Task<List<string>> ServerOutputUntilListeningAsync(Dictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, string?>(environment)
        {
            ["ConnectionStrings__Portal"] = app.ConnectionString,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Serilog__MinimumLevel__Default"] = "Information",

            // A web node: the dispatcher (on in Development) would need the registry keys this test does not give.
            ["Notifications__Dispatcher__Enabled"] = "false",
        };
        var start = PortalProcess.StartInfo(settings);
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Now listening on", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return lines;
    }
}

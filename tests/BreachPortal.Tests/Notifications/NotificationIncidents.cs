using System.Globalization;
using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Incidents;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Tests.Notifications;

internal static class NotificationIncidents
{
    private static int _next = Random.Shared.Next(1_000, 9_000);

    /// <summary>A new incident with the demo incident's facts and templates, so a test's counts are its own.</summary>
    public static Task<string> CopyOfDemoAsync(PortalApp app, string demo = "FT-2024-03") =>
        CopyOfDemoAsync(app.ConnectionString, demo);

    /// <summary>The same, on any database; <paramref name="title"/> replaces the demo's title when given.</summary>
    /// <param name="connectionString">The portal's database.</param>
    /// <param name="demo">The incident copied.</param>
    /// <param name="title">A title of the copy's own, so that a page shows which incident it is.</param>
    public static async Task<string> CopyOfDemoAsync(string connectionString, string demo = "FT-2024-03", LocalizedText? title = null)
    {
        var reference = string.Create(CultureInfo.InvariantCulture, $"TST-{Interlocked.Increment(ref _next)}-{Random.Shared.Next(100, 999)}");
        await using var db = PostgresServer.CreateContext(connectionString);
        var source = await db.Incidents.AsNoTracking().SingleAsync(i => i.Reference == demo, TestContext.Current.CancellationToken);
        var copy = new Incident
        {
            Reference = reference,
            Title = source.Title,
            Summary = source.Summary,
            Started = source.Started,
            Ended = source.Ended,
            Detected = source.Detected,
            AuthorityNotified = source.AuthorityNotified,
            Disclosed = source.Disclosed,
            Vector = source.Vector,
            LikelyConsequences = source.LikelyConsequences,
            Measures = source.Measures,
            DpoContact = source.DpoContact,
            CreatedAt = source.CreatedAt,
            UpdatedAt = source.UpdatedAt,
        };
        copy.PublishFactsFrom(source);
        copy.Title = title ?? source.Title;
        db.Incidents.Add(copy);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO templates (incident_id, channel, language, version, subject, text_body, html_body, created_by, created_at)
            SELECT {copy.Id}, channel, language, version, subject, text_body, html_body, created_by, created_at
            FROM templates WHERE incident_id = {source.Id}
            """,
            TestContext.Current.CancellationToken);
        return reference;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using BreachPortal.Web.Exports;
using BreachPortal.Web.Notifications.Ledger;

namespace BreachPortal.Web.Authority;

/// <summary>
/// The files of <see cref="Art34Evidence"/>: one JSON document with everything, and one CSV per table. Names are
/// stable (camelCase in JSON, English snake_case in CSV) and values are invariant: counts as plain integers, dates as
/// <c>yyyy-MM-dd</c> (Europe/Paris days), instants in ISO 8601 UTC, codes in kebab case (<c>permanent-failure</c>).
/// </summary>
public static class Art34Export
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Each CSV part and its header row.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CsvParts { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["summary"] = ["incident_reference", "generated_at_utc", "people_to_inform", "people_unreachable", "people_with_message", "people_informed", "people_not_informed", "campaigns", "people_counted_at_utc", "people_count_current"],
        ["channels"] = ["channel", "people_with_message", "people_informed", "people_delivered", "messages_written", "messages_handed_to_provider", "messages_awaiting_receipt", "messages_delivered", "messages_permanent_failure", "messages_technical_failure", "messages_pending", "messages_cancelled"],
        ["failures"] = ["channel", "status", "failure_reason", "messages"],
        ["daily"] = ["date", "channel", "messages_sent", "messages_delivered", "messages_failed"],
        ["templates"] = ["campaign_id", "campaign_name", "channel", "template_id", "template_version", "template_language", "messages"],
        ["campaigns"] = ["campaign_id", "name", "status", "policy", "language", "created_at_utc", "approved_at_utc", "started_at_utc", "ended_at_utc", "people_count", "unreachable_count"],
    };

    public static bool IsPart(string? part) => part is not null && CsvParts.ContainsKey(part);

    public static string Code<T>(T value)
        where T : struct, Enum => value is MessageStatus status ? status.ToWireName() : JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    public static async Task WriteCsvAsync(TextWriter writer, Art34Evidence evidence, string part)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var csv = new SafeCsv(writer);
        await csv.WriteRowAsync(CsvParts[part]);
        foreach (var row in Rows(evidence, part))
        {
            await csv.WriteRowAsync(row);
        }
    }

    private static IEnumerable<string?[]> Rows(Art34Evidence evidence, string part) => part switch
    {
        "summary" =>
        [
            [
                evidence.IncidentReference, Instant(evidence.GeneratedAt), Number(evidence.Summary.PeopleToInform), Number(evidence.Summary.PeopleUnreachable),
                Number(evidence.Summary.PeopleWithMessage), Number(evidence.Summary.PeopleInformed), Number(evidence.Summary.PeopleNotInformed), Number(evidence.Summary.CampaignCount),
                Instant(evidence.Summary.PeopleCountedAt), evidence.Summary.PeopleCountCurrent ? "true" : "false",
            ],
        ],
        "channels" => evidence.Channels.Select(c => new[]
        {
            Code(c.Channel), Number(c.PeopleWithMessage), Number(c.PeopleInformed), Number(c.PeopleDelivered), Number(c.MessagesWritten), Number(c.MessagesHandedToProvider),
            Number(c.MessagesAwaitingReceipt), Number(c.MessagesDelivered), Number(c.MessagesPermanentFailure), Number(c.MessagesTechnicalFailure), Number(c.MessagesPending),
            Number(c.MessagesCancelled),
        }),
        "failures" => evidence.Failures.Select(f => new[] { Code(f.Channel), Code(f.Status), f.FailureReason, Number(f.Messages) }),
        "daily" => evidence.Daily.Select(d => new[]
        {
            d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Code(d.Channel), Number(d.MessagesSent), Number(d.MessagesDelivered), Number(d.MessagesFailed),
        }),
        "templates" => evidence.Templates.Select(t => new[]
        {
            Number(t.CampaignId), t.CampaignName, Code(t.Channel), Number(t.TemplateId), Number(t.TemplateVersion), t.TemplateLanguage, Number(t.Messages),
        }),
        "campaigns" => evidence.Campaigns.Select(c => new[]
        {
            Number(c.CampaignId), c.Name, Code(c.Status), Code(c.Policy), c.Language, Instant(c.CreatedAt), Instant(c.ApprovedAt), Instant(c.StartedAt), Instant(c.EndedAt),
            c.PeopleCount is { } people ? Number(people) : null, c.UnreachableCount is { } unreachable ? Number(unreachable) : null,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "Unknown part."),
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Instant(DateTimeOffset? moment) =>
        moment?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

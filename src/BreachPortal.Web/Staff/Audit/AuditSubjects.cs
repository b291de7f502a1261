namespace BreachPortal.Web.Staff.Audit;

/// <summary>
/// What an audit event is about (<see cref="AuditEvent.SubjectType"/>), spelled one way: lowercase, words joined by a
/// hyphen. Every event is written with one of these.
/// </summary>
public static class AuditSubjects
{
    public const string Staff = "staff";

    public const string Person = "person";

    public const string ImportBatch = "import-batch";

    public const string Incident = "incident";

    public const string Template = "template";

    public const string Campaign = "campaign";

    public const string FakeMessageReport = "fake-message-report";

    public const string Audit = "audit";

    /// <summary>
    /// The spellings events carry that were written before this one was settled, and what they are now. Those events
    /// stay as written: the subject type is part of each event's hash, so rewriting it would break the chain. Whatever
    /// reads events by subject type must read these as the subject they map to, as the audit page does.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LegacySpellings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Person"] = Person,
        ["ImportBatch"] = ImportBatch,
        ["FakeMessageReport"] = FakeMessageReport,
    };

    /// <summary>The subject type as it is spelled now, whether the event was written with a legacy spelling or not.</summary>
    public static string? Current(string? stored) =>
        stored is not null && LegacySpellings.TryGetValue(stored, out var current) ? current : stored;
}

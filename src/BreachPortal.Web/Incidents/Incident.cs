namespace BreachPortal.Web.Incidents;

/// <summary>A personal data breach the portal informs about.</summary>
public sealed class Incident
{
    public const int ReferenceMaxLength = 32;

    public int Id { get; private set; }

    /// <summary>Public, stable reference such as <c>FT-2024-03</c>, used in addresses and messages.</summary>
    public required string Reference { get; init; }

    public required LocalizedText Title { get; set; }

    /// <summary>What happened, in plain language (the nature of the breach).</summary>
    public required LocalizedText Summary { get; set; }

    public required IncidentDate Started { get; set; }

    public required IncidentDate Ended { get; set; }

    public required IncidentDate Detected { get; set; }

    public required IncidentDate AuthorityNotified { get; set; }

    public required IncidentDate Disclosed { get; set; }

    /// <summary>Anything the dates alone cannot say (e.g. "notified the same day as discovered").</summary>
    public LocalizedText? TimelineNote { get; set; }

    /// <summary>How the attackers got in.</summary>
    public required LocalizedText Vector { get; set; }

    public DataCategories ExposedData { get; set; }

    /// <summary>Categories the agency states were not exposed; not simply "everything else".</summary>
    public DataCategories NotExposedData { get; set; }

    public long EstimatedPeople { get; set; }

    public LocalizedText? PeopleNote { get; set; }

    /// <summary>Likely consequences for the people concerned, one per line.</summary>
    public required LocalizedText LikelyConsequences { get; set; }

    /// <summary>Measures taken or proposed, one per line.</summary>
    public required LocalizedText Measures { get; set; }

    /// <summary>How to reach the data protection officer, one line per address line.</summary>
    public required LocalizedText DpoContact { get; set; }

    public IncidentStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public NotificationTimeliness AuthorityNotificationTimeliness =>
        NotificationDeadline.Assess(Detected, AuthorityNotified);

    public static string NormalizeReference(string reference) => reference.Trim().ToUpperInvariant();

    /// <summary>Replaces everything published about the incident; identity and history stay.</summary>
    public void PublishFactsFrom(Incident source)
    {
        Title = source.Title;
        Summary = source.Summary;
        Started = source.Started;
        Ended = source.Ended;
        Detected = source.Detected;
        AuthorityNotified = source.AuthorityNotified;
        Disclosed = source.Disclosed;
        TimelineNote = source.TimelineNote;
        Vector = source.Vector;
        ExposedData = source.ExposedData;
        NotExposedData = source.NotExposedData;
        EstimatedPeople = source.EstimatedPeople;
        PeopleNote = source.PeopleNote;
        LikelyConsequences = source.LikelyConsequences;
        Measures = source.Measures;
        DpoContact = source.DpoContact;
        Status = source.Status;
    }
}

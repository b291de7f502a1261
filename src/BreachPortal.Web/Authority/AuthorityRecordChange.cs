using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Authority;

/// <summary>
/// What the Operator submits on the record's edit page: every item of the CNIL form (null = not known yet), the
/// incident's dates, and what the form was loaded with, so that a save made meanwhile is noticed, not overwritten.
/// </summary>
public sealed class AuthorityRecordChange
{
    public IncidentDate Started { get; init; } = IncidentDate.Unknown;

    public IncidentDate Ended { get; init; } = IncidentDate.Unknown;

    public IncidentDate Detected { get; init; } = IncidentDate.Unknown;

    public BreachCertainty? Certainty { get; init; }

    public bool? Ongoing { get; init; }

    public string? HowDiscovered { get; init; }

    public BreachOrigins? Origins { get; init; }

    public string? OriginDetail { get; init; }

    public BreachTypes? Types { get; init; }

    public BreachCause? Cause { get; init; }

    public string? Processors { get; init; }

    public string? PeopleCategories { get; init; }

    public long? ApproximatePeople { get; init; }

    public bool? DirectlyIdentifiable { get; init; }

    public long? ApproximateRecords { get; init; }

    public string? StorageMedium { get; init; }

    public LikelyConsequences? Consequences { get; init; }

    public string? ConsequencesDetail { get; init; }

    public string? ImmediateMeasures { get; init; }

    public string? MediumTermMeasures { get; init; }

    public string? LongTermMeasures { get; init; }

    public PeopleInformed? Informed { get; init; }

    public string? HowInformed { get; init; }

    public string? LateReason { get; init; }

    /// <summary>The record's version when the form was loaded; null when there was no record yet.</summary>
    public uint? ExpectedVersion { get; init; }

    /// <summary>The incident's dates when the form was loaded (<see cref="AuthorityRecords.DatesStamp"/>).</summary>
    public string ExpectedDates { get; init; } = "";

    /// <summary>The change that leaves a record (or its absence) and the incident's dates as they are.</summary>
    public static AuthorityRecordChange From(Incident incident, AuthorityRecord? record)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new AuthorityRecordChange
        {
            Started = incident.Started,
            Ended = incident.Ended,
            Detected = incident.Detected,
            Certainty = record?.Certainty,
            Ongoing = record?.Ongoing,
            HowDiscovered = record?.HowDiscovered,
            Origins = record?.Origins,
            OriginDetail = record?.OriginDetail,
            Types = record?.Types,
            Cause = record?.Cause,
            Processors = record?.Processors,
            PeopleCategories = record?.PeopleCategories,
            ApproximatePeople = record?.ApproximatePeople,
            DirectlyIdentifiable = record?.DirectlyIdentifiable,
            ApproximateRecords = record?.ApproximateRecords,
            StorageMedium = record?.StorageMedium,
            Consequences = record?.Consequences,
            ConsequencesDetail = record?.ConsequencesDetail,
            ImmediateMeasures = record?.ImmediateMeasures,
            MediumTermMeasures = record?.MediumTermMeasures,
            LongTermMeasures = record?.LongTermMeasures,
            Informed = record?.Informed,
            HowInformed = record?.HowInformed,
            LateReason = record?.LateReason,
            ExpectedVersion = record?.Version,
            ExpectedDates = AuthorityRecords.DatesStamp(incident),
        };
    }
}

/// <summary>Why an item of the record was refused.</summary>
public enum AuthorityRecordProblem
{
    TooLong = 1,
    Negative = 2,
    EndsBeforeStart = 3,
}

/// <param name="Field">The item's name (<see cref="AuthorityRecordChange"/>'s property).</param>
/// <param name="Problem">What is wrong with it.</param>
public sealed record AuthorityRecordError(string Field, AuthorityRecordProblem Problem);

public enum AuthorityRecordSaveOutcome
{
    Saved = 1,
    Unchanged = 2,
    Invalid = 3,

    /// <summary>Someone saved the record or the incident's dates since the form was loaded; nothing was written.</summary>
    Conflict = 4,
    NotFound = 5,
}

/// <param name="Outcome">What happened.</param>
/// <param name="Errors">When invalid: the refused items.</param>
/// <param name="Changed">When saved: the names of the items that changed; when in conflict: the items whose saved value differs from the submitted one.</param>
public sealed record AuthorityRecordSaveResult(AuthorityRecordSaveOutcome Outcome, IReadOnlyList<AuthorityRecordError> Errors, IReadOnlyList<string> Changed);

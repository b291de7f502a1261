using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Authority;

/// <summary>
/// The content of a notification to the supervisory authority (GDPR Art. 33(3)) for one incident, at one moment:
/// the incident's published facts, the authority record's answers and the counts of the registry. Every nullable
/// member is "not known yet". Serialised as camelCase JSON whose property names are a published contract: the JSON
/// export and the snapshot kept with each notification use it, so a name never changes within a schema version.
/// </summary>
public sealed record Art33Report
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string IncidentReference { get; init; }

    public required Art33Text IncidentTitle { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Art. 33(3)(a): the nature of the breach.</summary>
    public required Art33Nature Nature { get; init; }

    /// <summary>Art. 33(3)(a): the categories of data and the approximate numbers of people and records.</summary>
    public required Art33Scope Scope { get; init; }

    /// <summary>Art. 33(3)(b).</summary>
    public required Art33Text DpoContact { get; init; }

    /// <summary>Art. 33(3)(c).</summary>
    public required Art33Consequences Consequences { get; init; }

    /// <summary>Art. 33(3)(d).</summary>
    public required Art33Measures Measures { get; init; }

    public required Art33PeopleInformed PeopleInformed { get; init; }

    /// <summary>Art. 33(1): the 72 hours, and the reasons for a delay.</summary>
    public required Art33Timeliness Timeliness { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Accented letters stay readable in the file; what HTML treats specially stays escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static Art33Report FromJson(string json) =>
        JsonSerializer.Deserialize<Art33Report>(json, Json) ?? throw new JsonException("The report is empty.");
}

/// <summary>A text in French and English (the portal's <see cref="LocalizedText"/>, without what it computes).</summary>
public sealed record Art33Text(string Fr, string En)
{
    [JsonIgnore]
    public string Current => new LocalizedText(Fr, En).Current;

    [JsonIgnore]
    public IReadOnlyList<string> CurrentLines => new LocalizedText(Fr, En).CurrentLines;

    public static Art33Text Of(LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Art33Text(text.Fr, text.En);
    }
}

/// <summary>A date of the incident as precisely as it is known: <see cref="At"/> is the start of the period (UTC).</summary>
public sealed record Art33Date(DateTimeOffset At, DatePrecision Precision)
{
    public static Art33Date? Of(IncidentDate date) => date.At is { } at ? new Art33Date(at, date.Precision) : null;

    public IncidentDate ToIncidentDate() => new(At, Precision);
}

public sealed record Art33Nature
{
    public required Art33Text Summary { get; init; }

    /// <summary>How the attackers got in, as the incident publishes it.</summary>
    public required Art33Text Vector { get; init; }

    public BreachCertainty? Certainty { get; init; }

    public bool? Ongoing { get; init; }

    public Art33Date? Started { get; init; }

    public Art33Date? Ended { get; init; }

    public Art33Date? Detected { get; init; }

    public string? HowDiscovered { get; init; }

    public IReadOnlyList<BreachOrigins>? Origins { get; init; }

    public string? OriginDetail { get; init; }

    public IReadOnlyList<BreachTypes>? Types { get; init; }

    public BreachCause? Cause { get; init; }

    public string? Processors { get; init; }

    public string? StorageMedium { get; init; }
}

public sealed record Art33Scope
{
    /// <summary>The incident's exposed categories (the social security number is its own category).</summary>
    public required IReadOnlyList<DataCategories> DataCategories { get; init; }

    public required IReadOnlyList<DataCategories> NotExposedCategories { get; init; }

    public string? PeopleCategories { get; init; }

    public bool? DirectlyIdentifiable { get; init; }

    /// <summary>Counted from the registry when the report was generated.</summary>
    public required Art33RegistryCounts Registry { get; init; }

    /// <summary>The approximate number of people declared to the authority (authority record).</summary>
    public long? DeclaredPeople { get; init; }

    /// <summary>The approximate number of records declared to the authority (authority record).</summary>
    public long? DeclaredRecords { get; init; }

    /// <summary>The number of people the incident publishes (its estimate); null when it gives none.</summary>
    public long? EstimatedPeople { get; init; }
}

/// <param name="People">People the registry links to the incident (one exposure row each).</param>
/// <param name="Records">Registry records of the incident: one per person and incident, so equal to <paramref name="People"/>.</param>
/// <param name="DataItems">Data items exposed: for each record, the number of its categories; the sum of <paramref name="PeoplePerCategory"/>.</param>
/// <param name="PeoplePerCategory">For each category exposed by the incident or held in a record, how many people's records include it.</param>
public sealed record Art33RegistryCounts(long People, long Records, long DataItems, IReadOnlyList<Art33CategoryCount> PeoplePerCategory);

public sealed record Art33CategoryCount(DataCategories Category, long People);

public sealed record Art33Consequences
{
    /// <summary>As the incident publishes them to the people, one per line.</summary>
    public required Art33Text Description { get; init; }

    public IReadOnlyList<LikelyConsequences>? Likely { get; init; }

    public string? Detail { get; init; }
}

public sealed record Art33Measures
{
    /// <summary>As the incident publishes them to the people, one per line.</summary>
    public required Art33Text Description { get; init; }

    public string? Immediate { get; init; }

    public string? MediumTerm { get; init; }

    public string? LongTerm { get; init; }
}

public sealed record Art33PeopleInformed
{
    public PeopleInformed? Informed { get; init; }

    public string? How { get; init; }

    /// <summary>When the incident was made public, if it was.</summary>
    public Art33Date? PublicDisclosure { get; init; }
}

public sealed record Art33Timeliness
{
    /// <summary>The 72-hour clock as it stood when the report was generated.</summary>
    public required AuthorityClockState State { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public Art33Date? AuthorityNotified { get; init; }

    public string? LateReason { get; init; }
}

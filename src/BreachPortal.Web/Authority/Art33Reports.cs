using System.Globalization;
using System.Text;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Registry.People;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BreachPortal.Web.Authority;

/// <summary>Builds the Art. 33 report of an incident as it stands now.</summary>
public sealed class Art33Reports(PortalDbContext db, NpgsqlDataSource database, TimeProvider time)
{
    private static readonly DataCategories[] Categories = [.. Enum.GetValues<DataCategories>().Where(c => c != DataCategories.None)];

    // The incident's registry tallies (people alike in the categories exposed, among others), not its exposures.
    private static readonly string CountsSql = new StringBuilder("SELECT coalesce(sum(people), 0)::bigint")
        .AppendJoin("", Categories.Select(c => string.Create(CultureInfo.InvariantCulture, $", coalesce(sum(people) FILTER (WHERE categories & {(long)c} <> 0), 0)::bigint")))
        .Append(CultureInfo.InvariantCulture, $" FROM {RegistryTally.Table} WHERE incident_id = $1")
        .ToString();

    /// <summary>Null when there is no such incident.</summary>
    public async Task<Art33Report?> BuildAsync(string reference, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().FindByReferenceAsync(reference, cancellationToken);
        return incident is null ? null : await BuildAsync(incident, cancellationToken);
    }

    /// <summary>Null when there is no such incident.</summary>
    public async Task<Art33Report?> BuildAsync(int incidentId, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        return incident is null ? null : await BuildAsync(incident, cancellationToken);
    }

    /// <summary>The report of an incident already loaded (its values as they are in memory, changes included).</summary>
    public async Task<Art33Report> BuildAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var record = await db.Set<AuthorityRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.IncidentId == incident.Id, cancellationToken);
        var counts = await CountAsync(incident.Id, incident.ExposedData, cancellationToken);
        return Compose(incident, record, counts, time.GetUtcNow());
    }

    public async Task<Art33RegistryCounts> CountAsync(int incidentId, DataCategories exposed, CancellationToken cancellationToken)
    {
        await using var command = PortalSql.Command(database, CountsSql, incidentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var people = reader.GetInt64(0);
        var perCategory = new List<Art33CategoryCount>();
        for (var i = 0; i < Categories.Length; i++)
        {
            var count = reader.GetInt64(i + 1);
            if (count > 0 || exposed.HasFlag(Categories[i]))
            {
                perCategory.Add(new Art33CategoryCount(Categories[i], count));
            }
        }

        return new Art33RegistryCounts(people, people, perCategory.Sum(c => c.People), perCategory);
    }

    public static Art33Report Compose(Incident incident, AuthorityRecord? record, Art33RegistryCounts counts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var clock = AuthorityClock.Of(incident, record?.LateReason, now);
        return new Art33Report
        {
            IncidentReference = incident.Reference,
            IncidentTitle = Art33Text.Of(incident.Title),
            GeneratedAt = now.ToUniversalTime(),
            Nature = new Art33Nature
            {
                Summary = Art33Text.Of(incident.Summary),
                Vector = Art33Text.Of(incident.Vector),
                Certainty = record?.Certainty,
                Ongoing = record?.Ongoing,
                Started = Art33Date.Of(incident.Started),
                Ended = Art33Date.Of(incident.Ended),
                Detected = Art33Date.Of(incident.Detected),
                HowDiscovered = Text(record?.HowDiscovered),
                Origins = record?.Origins is { } origins ? AuthorityRecordLabels.Split(origins) : null,
                OriginDetail = Text(record?.OriginDetail),
                Types = record?.Types is { } types ? AuthorityRecordLabels.Split(types) : null,
                Cause = record?.Cause,
                Processors = record?.Processors?.Trim(),
                StorageMedium = Text(record?.StorageMedium),
            },
            Scope = new Art33Scope
            {
                DataCategories = incident.ExposedData.Split(),
                NotExposedCategories = incident.NotExposedData.Split(),
                PeopleCategories = Text(record?.PeopleCategories),
                DirectlyIdentifiable = record?.DirectlyIdentifiable,
                Registry = counts,
                DeclaredPeople = record?.ApproximatePeople,
                DeclaredRecords = record?.ApproximateRecords,
                EstimatedPeople = incident.EstimatedPeople > 0 ? incident.EstimatedPeople : null,
            },
            DpoContact = Art33Text.Of(incident.DpoContact),
            Consequences = new Art33Consequences
            {
                Description = Art33Text.Of(incident.LikelyConsequences),
                Likely = record?.Consequences is { } consequences ? AuthorityRecordLabels.Split(consequences) : null,
                Detail = Text(record?.ConsequencesDetail),
            },
            Measures = new Art33Measures
            {
                Description = Art33Text.Of(incident.Measures),
                Immediate = Text(record?.ImmediateMeasures),
                MediumTerm = Text(record?.MediumTermMeasures),
                LongTerm = Text(record?.LongTermMeasures),
            },
            PeopleInformed = new Art33PeopleInformed
            {
                Informed = record?.Informed,
                How = Text(record?.HowInformed),
                PublicDisclosure = Art33Date.Of(incident.Disclosed),
            },
            Timeliness = new Art33Timeliness
            {
                State = clock.State,
                Deadline = clock.Deadline,
                AuthorityNotified = Art33Date.Of(incident.AuthorityNotified),
                LateReason = Text(record?.LateReason),
            },
        };
    }

    /// <summary>Blank text is no answer: "not known yet".</summary>
    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications;
using BreachPortal.Web.Notifications.Campaigns;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Registry.People;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Checks.Results;

/// <summary>One incident as it concerns the person: what it exposed of theirs, what it did not, what we sent them.</summary>
/// <param name="Incident">The incident, as published.</param>
/// <param name="Exposed">The categories of this person's data the incident exposed.</param>
/// <param name="NotExposed">The categories the agency declared not exposed by the incident.</param>
/// <param name="NotInTheirRecord">Categories the incident exposed for others, absent from this person's row of the extract.</param>
/// <param name="Messages">The notifications sent to the person about it, oldest first.</param>
public sealed record CitizenIncident(Incident Incident, DataCategories Exposed, DataCategories NotExposed, DataCategories NotInTheirRecord, IReadOnlyList<CitizenMessage> Messages);

/// <summary>A notification as its recipient may see it: no address, no text.</summary>
public sealed record CitizenMessage(DateTimeOffset CreatedAt, DateTimeOffset? SentAt, MessageChannel Channel, string ReferenceCode, MessageStatus Status);

/// <summary>What the results page shows to a person who proved control of a contact: their incidents only.</summary>
public sealed class CitizenRecords(PortalDbContext db)
{
    public async Task<IReadOnlyList<CitizenIncident>> ForAsync(IReadOnlyCollection<long> personIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        var ids = personIds.ToArray();
        var exposures = await db.Set<Exposure>().AsNoTracking()
            .Where(e => ids.Contains(e.PersonId))
            .Join(db.Set<Person>().Where(p => p.PurgedAt == null), e => e.PersonId, p => p.Id, (e, _) => e)
            .ToListAsync(cancellationToken);
        var incidentIds = exposures.Select(e => e.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToListAsync(cancellationToken);
        var messages = await db.Set<Message>().AsNoTracking()
            .Where(m => ids.Contains(m.PersonId) && m.CampaignId != null)
            .Join(db.Set<Campaign>(), m => m.CampaignId, c => c.Id, (m, c) => new { c.IncidentId, m.CreatedAt, m.SentAt, m.Channel, m.ReferenceCode, m.Status })
            .ToListAsync(cancellationToken);

        return
        [
            .. incidents
                .OrderByDescending(i => i.Detected.At)
                .ThenBy(i => i.Reference, StringComparer.Ordinal)
                .Select(incident =>
                {
                    var exposed = exposures.Where(e => e.IncidentId == incident.Id).Aggregate(DataCategories.None, (all, e) => all | e.Categories);
                    // "Not exposed" is only what the agency declared; a category merely missing from the person's row is
                    // told apart, since the extract the agency received may not be all the attackers took.
                    return new CitizenIncident(
                        incident,
                        exposed,
                        incident.NotExposedData & ~exposed,
                        incident.ExposedData & ~exposed,
                        [
                            .. messages.Where(m => m.IncidentId == incident.Id)
                                .OrderBy(m => m.SentAt ?? m.CreatedAt)
                                .Select(m => new CitizenMessage(m.CreatedAt, m.SentAt, m.Channel, m.ReferenceCode, m.Status)),
                        ]);
                }),
        ];
    }
}

using BreachPortal.Web.Authority;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Demo;

/// <summary>
/// Gives the France Travail demo incident what its CNIL liaison would have on file: the form's answers that public
/// sources state, and its initial notification of 8 March 2024 (the published day), recorded with the report as it
/// stands once the demo people exist. Anything already there is left alone; the late reason stays unknown, as the
/// sources give none, so the 72-hour clock shows a late notification whose reason is missing.
/// </summary>
public sealed class DemoAuthoritySeeder(PortalDbContext db, AuthorityNotifications notifications, TimeProvider time)
{
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.FindByReferenceAsync(DemoIncidents.FranceTravail2024, cancellationToken);
        if (incident is null || await db.Set<AuthorityNotification>().AnyAsync(n => n.IncidentId == incident.Id, cancellationToken))
        {
            return false;
        }

        if (!await db.Set<AuthorityRecord>().AnyAsync(r => r.IncidentId == incident.Id, cancellationToken))
        {
            db.Add(FranceTravailRecord(incident.Id, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        var outcome = await notifications.RecordAsync(
            incident.Reference,
            new AuthorityNotificationDraft(
                AuthorityNotificationKind.Initial,
                incident.AuthorityNotified.At ?? time.GetUtcNow(),
                null,
                "Notification initiale (données de démonstration : la date est le jour publié, l’heure n’est pas connue)."),
            AuditActor.System,
            cancellationToken);
        return outcome.Succeeded;
    }

    private static AuthorityRecord FranceTravailRecord(int incidentId, DateTimeOffset now) => new()
    {
        IncidentId = incidentId,
        Certainty = BreachCertainty.Established,
        Ongoing = false,
        HowDiscovered = "Activité anormale repérée le 29 février 2024.",
        Origins = BreachOrigins.SocialEngineering | BreachOrigins.CredentialMisuse,
        OriginDetail = "Des attaquants se sont fait passer pour des conseillers Cap emploi et ont utilisé leurs comptes pour extraire des données.",
        Types = BreachTypes.Confidentiality,
        Cause = BreachCause.ExternalMalicious,
        PeopleCategories = "Personnes inscrites comme demandeurs d’emploi au cours des 20 dernières années ; personnes ayant un espace candidat.",
        ApproximatePeople = 43_000_000,
        DirectlyIdentifiable = true,
        Consequences = LikelyConsequences.Phishing | LikelyConsequences.IdentityTheft | LikelyConsequences.Fraud,
        UpdatedAt = now,
    };
}

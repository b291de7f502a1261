using BreachPortal.Tests.Infrastructure;
using BreachPortal.Web.Incidents;

namespace BreachPortal.Tests.Authority.Record;

internal static class AuthorityRecordData
{
    /// <summary>An incident of the test's own, so that tests which edit records do not see each other.</summary>
    public static async Task<string> CreateIncidentAsync(string connectionString, IncidentDate detected, IncidentDate notified)
    {
        var incident = AuthorityClockTests.IncidentOf(detected, notified);
        var reference = $"T-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        await using var db = PostgresServer.CreateContext(connectionString);
        db.Incidents.Add(new Incident
        {
            Reference = reference,
            Title = new LocalizedText($"Incident d'essai {reference}", $"Test incident {reference}"),
            Summary = new LocalizedText("Des données ont été copiées.", "Data was copied."),
            Started = incident.Started,
            Ended = incident.Ended,
            Detected = incident.Detected,
            AuthorityNotified = incident.AuthorityNotified,
            Disclosed = incident.Disclosed,
            Vector = new LocalizedText("Comptes de conseillers usurpés.", "Advisers' accounts misused."),
            ExposedData = DataCategories.LastName | DataCategories.SocialSecurityNumber,
            EstimatedPeople = 1234,
            LikelyConsequences = new LocalizedText("Hameçonnage ciblé", "Targeted phishing"),
            Measures = new LocalizedText("Comptes suspendus", "Accounts suspended"),
            DpoContact = new LocalizedText("DPO, 1 rue de l'Essai, Paris", "DPO, 1 rue de l'Essai, Paris"),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return reference;
    }
}

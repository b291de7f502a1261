using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BreachPortal.Web.Notifications.Templates;

/// <summary>Either the version saved or why it was not; <see cref="Check"/> also carries the SMS's worst-case cost.</summary>
public sealed record TemplateSaveResult(MessageTemplate? Saved, TemplateCheck Check)
{
    public bool Succeeded => Saved is not null;

    public IReadOnlyList<TemplateProblem> Problems => Check.Problems;
}

/// <summary>
/// Versions of an incident's message templates. A version is never changed: saving makes the next one
/// (1, 2, … per incident, channel and language), numbered under a transaction-scoped lock on that triple so that two
/// staff members saving at once get consecutive numbers; the unique index backs the lock.
/// </summary>
public sealed class TemplateService(PortalDbContext db, AuditLog audit, TimeProvider time, IOptions<PortalOptions> portal)
{
    public async Task<TemplateSaveResult> SaveVersionAsync(TemplateDraft draft, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        draft = draft.Normalized();
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == draft.IncidentId, cancellationToken);
        if (incident is null)
        {
            return new(null, new([TemplateProblem.Of(TemplateProblemCodes.IncidentNotFound, TemplatePart.Incident, null)], null));
        }

        var check = TemplateRules.Check(draft, incident, portal.Value.PublicUrl);
        if (!check.IsValid)
        {
            return new(null, check);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new(await InsertVersionAsync(draft, incident.Reference, actor, cancellationToken), check);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt == 1)
            {
                // Someone numbered a version without the lock (another tool, a manual insert): count again, once.
            }
        }
    }

    /// <summary>
    /// Saves <see cref="DefaultTemplates"/> as version 1 for each channel and language the incident has no version
    /// for yet (<c>created_by</c> null: seeded by the portal). Running it again changes nothing.
    /// </summary>
    /// <returns>How many versions were created.</returns>
    public async Task<int> SeedDefaultsAsync(int incidentId, CancellationToken cancellationToken)
    {
        var reference = await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Reference).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Incident {incidentId} does not exist.");
        var now = time.GetUtcNow();
        var created = new List<MessageTemplate>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var template in DefaultTemplates.All)
            {
                await LockAsync(incidentId, template.Channel, template.Language, cancellationToken);
                if (await Versions(incidentId, template.Channel, template.Language).AnyAsync(cancellationToken))
                {
                    continue;
                }

                var version = new MessageTemplate
                {
                    IncidentId = incidentId,
                    Channel = template.Channel,
                    Language = template.Language,
                    Version = 1,
                    Subject = template.Subject,
                    TextBody = template.TextBody,
                    HtmlBody = template.HtmlBody,
                    CreatedBy = null,
                    CreatedAt = now,
                };
                db.Add(version);
                created.Add(version);
            }

            if (created.Count == 0)
            {
                return 0;
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(
                new AuditEntry(AuditEventType.TemplateDefaultsSeeded, AuditActor.System)
                {
                    SubjectType = AuditSubjects.Incident,
                    SubjectId = incidentId.ToString(CultureInfo.InvariantCulture),
                    Detail = $"incident={reference} version=1 templates={string.Join(',', created.Select(t => $"{ChannelName(t.Channel)}/{t.Language}"))}",
                },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created.Count;
        }
        catch
        {
            Forget(created);
            throw;
        }
    }

    /// <summary>The version campaigns use unless they pin another; null when there is none.</summary>
    public Task<MessageTemplate?> LatestAsync(int incidentId, MessageChannel channel, string language, CancellationToken cancellationToken) =>
        Versions(incidentId, channel, language).AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every version of the incident's templates: email then SMS, French then English, newest first.</summary>
    public async Task<IReadOnlyList<MessageTemplate>> ListAsync(int incidentId, CancellationToken cancellationToken) =>
        await db.Set<MessageTemplate>().AsNoTracking()
            .Where(t => t.IncidentId == incidentId)
            .OrderBy(t => t.Channel).ThenByDescending(t => t.Language).ThenByDescending(t => t.Version)
            .ToListAsync(cancellationToken);

    public Task<MessageTemplate?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Set<MessageTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    private async Task<MessageTemplate> InsertVersionAsync(TemplateDraft draft, string incidentReference, AuditActor actor, CancellationToken cancellationToken)
    {
        MessageTemplate? template = null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await LockAsync(draft.IncidentId, draft.Channel, draft.Language, cancellationToken);
            var latest = await Versions(draft.IncidentId, draft.Channel, draft.Language).MaxAsync(t => (int?)t.Version, cancellationToken) ?? 0;
            template = new MessageTemplate
            {
                IncidentId = draft.IncidentId,
                Channel = draft.Channel,
                Language = draft.Language,
                Version = latest + 1,
                Subject = draft.Subject,
                TextBody = draft.TextBody,
                HtmlBody = draft.HtmlBody,
                CreatedBy = actor.StaffId,
                CreatedAt = time.GetUtcNow(),
            };
            db.Add(template);
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(
                new AuditEntry(AuditEventType.TemplateVersionSaved, actor)
                {
                    SubjectType = AuditSubjects.Template,
                    SubjectId = template.Id.ToString(CultureInfo.InvariantCulture),
                    Detail = $"incident={incidentReference} channel={ChannelName(draft.Channel)} language={draft.Language} version={template.Version}",
                },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return template;
        }
        catch
        {
            if (template is not null)
            {
                Forget([template]);
            }

            throw;
        }
    }

    private IQueryable<MessageTemplate> Versions(int incidentId, MessageChannel channel, string language) =>
        db.Set<MessageTemplate>().Where(t => t.IncidentId == incidentId && t.Channel == channel && t.Language == language);

    // One lock per incident, channel and language: saves of other templates never wait on each other.
    private Task<int> LockAsync(int incidentId, MessageChannel channel, string language, CancellationToken cancellationToken)
    {
        var key = $"templates/{incidentId}/{(int)channel}/{language}";
        return db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
    }

    // A failed insert must not stay in the context, where the caller's next SaveChanges would retry it.
    private void Forget(IEnumerable<MessageTemplate> templates)
    {
        foreach (var template in templates)
        {
            db.Entry(template).State = EntityState.Detached;
        }
    }

    private static string ChannelName(MessageChannel channel) => channel == MessageChannel.Email ? "email" : "sms";
}

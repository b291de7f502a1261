using System.Globalization;
using BreachPortal.Web.Data;
using BreachPortal.Web.Incidents;
using BreachPortal.Web.Notifications.Ledger;
using BreachPortal.Web.Notifications.Templates;
using BreachPortal.Web.Staff;
using BreachPortal.Web.Staff.Audit;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>
/// The campaign's life: draft → approved by a different Operator → running ⇄ paused → finished | cancelled. Every
/// transition is one guarded UPDATE (<c>WHERE status = …</c>), so two staff members or two instances acting at once
/// cannot both succeed, and each one is audited in the same transaction.
/// </summary>
public sealed class CampaignService(PortalDbContext db, AuditLog audit, LedgerWriter ledger, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Languages = ["fr", "en"];

    public Task<Campaign?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Set<Campaign>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<CampaignOutcome> CreateAsync(CampaignDraft draft, AuditActor actor, CancellationToken cancellationToken)
    {
        var staffProblem = await CheckOperatorAsync(actor, cancellationToken);
        if (staffProblem is not null)
        {
            return staffProblem;
        }

        var reference = Incident.NormalizeReference(draft.IncidentReference);
        var incident = await db.Incidents.AsNoTracking().FindByReferenceAsync(reference, cancellationToken);
        if (incident is null)
        {
            return CampaignOutcome.Refused(CampaignProblem.IncidentNotFound, $"No incident has the reference '{reference}'.");
        }

        var problem = CheckSettings(draft);
        if (problem is not null)
        {
            return problem;
        }

        var (emailTemplate, emailProblem) = await PinAsync(incident.Id, MessageChannel.Email, draft.Policy.UsesEmail(), draft.EmailTemplateId, draft.Language, cancellationToken);
        if (emailProblem is not null)
        {
            return emailProblem;
        }

        var (smsTemplate, smsProblem) = await PinAsync(incident.Id, MessageChannel.Sms, draft.Policy.UsesSms(), draft.SmsTemplateId, draft.Language, cancellationToken);
        if (smsProblem is not null)
        {
            return smsProblem;
        }

        var campaign = new Campaign
        {
            IncidentId = incident.Id,
            Name = draft.Name.Trim(),
            Status = CampaignStatus.Draft,
            Policy = draft.Policy,
            Language = draft.Language,
            EmailTemplateId = emailTemplate,
            SmsTemplateId = smsTemplate,
            EmailsPerSecond = draft.EmailsPerSecond,
            SmsPerSecond = draft.SmsPerSecond,
            SmsWindowStart = draft.SmsWindowStart,
            SmsWindowEnd = draft.SmsWindowEnd,
            CreatedBy = actor.StaffId!.Value,
            CreatedAt = time.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(
            About(AuditEventType.CampaignCreated, actor, campaign, string.Create(
                CultureInfo.InvariantCulture,
                $"incident={incident.Reference} policy={campaign.Policy} language={campaign.Language} email_template={campaign.EmailTemplateId} sms_template={campaign.SmsTemplateId}")),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return CampaignOutcome.Done(campaign);
    }

    /// <summary>Approval by an Operator other than the one who created the campaign (four eyes).</summary>
    public async Task<CampaignOutcome> ApproveAsync(int campaignId, AuditActor actor, CancellationToken cancellationToken)
    {
        var staffProblem = await CheckOperatorAsync(actor, cancellationToken);
        if (staffProblem is not null)
        {
            return staffProblem;
        }

        var approver = actor.StaffId!.Value;
        var now = time.GetUtcNow();
        return await TransitionAsync(
            campaignId,
            actor,
            AuditEventType.CampaignApproved,
            q => q.Where(c => c.Status == CampaignStatus.Draft && c.CreatedBy != approver),
            q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Approved).SetProperty(c => c.ApprovedBy, approver).SetProperty(c => c.ApprovedAt, now), cancellationToken),
            current => current.CreatedBy == approver && current.Status == CampaignStatus.Draft
                ? CampaignOutcome.Refused(CampaignProblem.SameStaffCannotApprove, "The staff member who created a campaign cannot approve it: another Operator must.")
                : WrongStatus(current, "approved", CampaignStatus.Draft),
            cancellationToken);
    }

    /// <summary>
    /// Launches an approved campaign (writing its ledger, which may take minutes for millions of people) or resumes a
    /// paused one. A launch interrupted part-way is completed by calling this again, or by any dispatcher.
    /// </summary>
    public Task<CampaignOutcome> StartAsync(int campaignId, AuditActor actor, IProgress<long>? progress, CancellationToken cancellationToken) =>
        StartAsync(campaignId, actor, progress, writeLedger: true, cancellationToken);

    /// <summary>
    /// Launches an approved campaign or resumes a paused one without writing its ledger here: every dispatcher takes
    /// up a running campaign whose ledger is incomplete (its maintenance, every few seconds), so a staff page answers
    /// at once even for millions of people, and a launch never depends on one request staying open.
    /// </summary>
    public Task<CampaignOutcome> LaunchAsync(int campaignId, AuditActor actor, CancellationToken cancellationToken) =>
        StartAsync(campaignId, actor, null, writeLedger: false, cancellationToken);

    private async Task<CampaignOutcome> StartAsync(int campaignId, AuditActor actor, IProgress<long>? progress, bool writeLedger, CancellationToken cancellationToken)
    {
        var staffProblem = await CheckOperatorAsync(actor, cancellationToken);
        if (staffProblem is not null)
        {
            return staffProblem;
        }

        var current = await GetAsync(campaignId, cancellationToken);
        if (current is null)
        {
            return NotFound(campaignId);
        }

        var now = time.GetUtcNow();
        CampaignOutcome outcome;
        if (current.Status == CampaignStatus.Running && !current.LedgerComplete)
        {
            outcome = CampaignOutcome.Done(current);
        }
        else if (current.Status == CampaignStatus.Paused)
        {
            outcome = await TransitionAsync(
                campaignId,
                actor,
                AuditEventType.CampaignResumed,
                q => q.Where(c => c.Status == CampaignStatus.Paused),
                q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Running), cancellationToken),
                c => WrongStatus(c, "resumed", CampaignStatus.Paused),
                cancellationToken);
        }
        else
        {
            outcome = await TransitionAsync(
                campaignId,
                actor,
                AuditEventType.CampaignStarted,
                q => q.Where(c => c.Status == CampaignStatus.Approved),
                q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Running).SetProperty(c => c.StartedAt, now), cancellationToken),
                c => WrongStatus(c, "started", CampaignStatus.Approved, CampaignStatus.Paused),
                cancellationToken);
        }

        if (!outcome.Succeeded || outcome.Campaign!.LedgerComplete || !writeLedger)
        {
            return outcome;
        }

        await ledger.CompleteAsync(campaignId, progress, cancellationToken);
        return CampaignOutcome.Done((await GetAsync(campaignId, cancellationToken))!);
    }

    public async Task<CampaignOutcome> PauseAsync(int campaignId, AuditActor actor, CancellationToken cancellationToken)
    {
        var staffProblem = await CheckOperatorAsync(actor, cancellationToken);
        return staffProblem ?? await TransitionAsync(
            campaignId,
            actor,
            AuditEventType.CampaignPaused,
            q => q.Where(c => c.Status == CampaignStatus.Running),
            q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Paused), cancellationToken),
            c => WrongStatus(c, "paused", CampaignStatus.Running),
            cancellationToken);
    }

    /// <summary>Stops a campaign for good: messages not yet handed to a provider are cancelled.</summary>
    public async Task<CampaignOutcome> CancelAsync(int campaignId, AuditActor actor, CancellationToken cancellationToken)
    {
        var staffProblem = await CheckOperatorAsync(actor, cancellationToken);
        if (staffProblem is not null)
        {
            return staffProblem;
        }

        var now = time.GetUtcNow();
        CampaignStatus[] open = [CampaignStatus.Draft, CampaignStatus.Approved, CampaignStatus.Running, CampaignStatus.Paused];
        var outcome = await TransitionAsync(
            campaignId,
            actor,
            AuditEventType.CampaignCancelled,
            q => q.Where(c => open.Contains(c.Status)),
            q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Cancelled).SetProperty(c => c.EndedAt, now), cancellationToken),
            c => WrongStatus(c, "cancelled", open),
            cancellationToken);
        if (outcome.Succeeded)
        {
            await ledger.CancelOpenMessagesAsync(campaignId, cancellationToken);
        }

        return outcome;
    }

    private async Task<CampaignOutcome> TransitionAsync(
        int campaignId,
        AuditActor actor,
        AuditEventType type,
        Func<IQueryable<Campaign>, IQueryable<Campaign>> guard,
        Func<IQueryable<Campaign>, Task<int>> update,
        Func<Campaign, CampaignOutcome> refusal,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await update(guard(db.Set<Campaign>().Where(c => c.Id == campaignId)));
        var campaign = await GetAsync(campaignId, cancellationToken);
        if (campaign is null)
        {
            return NotFound(campaignId);
        }

        if (changed == 0)
        {
            return refusal(campaign);
        }

        await audit.AppendAsync(About(type, actor, campaign, null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CampaignOutcome.Done(campaign);
    }

    private async Task<CampaignOutcome?> CheckOperatorAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        if (actor.StaffId is not { } staffId)
        {
            return CampaignOutcome.Refused(CampaignProblem.StaffNotOperator, "Campaigns are managed by a named staff member with the Operator role.");
        }

        var isOperator = await (
            from user in db.Users
            join link in db.UserRoles on user.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            where user.Id == staffId && !user.IsDisabled && role.Name == StaffRoles.Operator
            select user.Id).AnyAsync(cancellationToken);
        return isOperator
            ? null
            : CampaignOutcome.Refused(CampaignProblem.StaffNotOperator, "Only an active staff member with the Operator role may manage campaigns.");
    }

    private static CampaignOutcome? CheckSettings(CampaignDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Trim().Length > Campaign.NameMaxLength)
        {
            return CampaignOutcome.Refused(CampaignProblem.NameMissing, $"The campaign needs a name of 1 to {Campaign.NameMaxLength} characters.");
        }

        if (!Languages.Contains(draft.Language))
        {
            return CampaignOutcome.Refused(CampaignProblem.LanguageUnknown, $"The language '{draft.Language}' is not one of fr, en.");
        }

        if (!Enum.IsDefined(draft.Policy))
        {
            return CampaignOutcome.Refused(CampaignProblem.PolicyUnknown, "The channel policy is not one of email, sms, both, email-sms-fallback.");
        }

        if (draft.EmailsPerSecond is < 1 or > CampaignLimits.MaxPerSecond || draft.SmsPerSecond is < 1 or > CampaignLimits.MaxPerSecond)
        {
            return CampaignOutcome.Refused(CampaignProblem.RateOutOfRange, $"Rate limits must be between 1 and {CampaignLimits.MaxPerSecond} messages per second.");
        }

        return draft.SmsWindowStart < draft.SmsWindowEnd
            ? null
            : CampaignOutcome.Refused(CampaignProblem.SmsWindowInvalid, "The SMS window must start before it ends, within one day (Europe/Paris time).");
    }

    private async Task<(int? Id, CampaignOutcome? Problem)> PinAsync(int incidentId, MessageChannel channel, bool used, int? requested, string language, CancellationToken cancellationToken)
    {
        if (!used)
        {
            return requested is null
                ? (null, null)
                : (null, CampaignOutcome.Refused(CampaignProblem.TemplateMismatch, $"The channel policy sends no {Describe(channel)}: give no {Describe(channel)} template."));
        }

        var templates = db.Set<MessageTemplate>().AsNoTracking().Where(t => t.IncidentId == incidentId && t.Channel == channel && t.Language == language);
        var template = requested is { } id
            ? await db.Set<MessageTemplate>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            : await templates.OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        if (template is null)
        {
            var problem = channel == MessageChannel.Email ? CampaignProblem.EmailTemplateMissing : CampaignProblem.SmsTemplateMissing;
            return (null, CampaignOutcome.Refused(problem, requested is null
                ? $"The incident has no {Describe(channel)} template in '{language}' yet: write one first."
                : $"There is no template {requested}."));
        }

        return template.IncidentId == incidentId && template.Channel == channel && template.Language == language
            ? (template.Id, null)
            : (null, CampaignOutcome.Refused(CampaignProblem.TemplateMismatch, $"Template {template.Id} is not a {Describe(channel)} template of this incident in '{language}'."));
    }

    private static string Describe(MessageChannel channel) => channel == MessageChannel.Email ? "email" : "SMS";

    private static CampaignOutcome NotFound(int campaignId) =>
        CampaignOutcome.Refused(CampaignProblem.NotFound, string.Create(CultureInfo.InvariantCulture, $"There is no campaign {campaignId}."));

    private static CampaignOutcome WrongStatus(Campaign campaign, string action, params CampaignStatus[] expected) =>
        CampaignOutcome.Refused(CampaignProblem.WrongStatus, string.Create(
            CultureInfo.InvariantCulture,
            $"Campaign {campaign.Id} is {campaign.Status.ToString().ToLowerInvariant()}: only a campaign that is {string.Join(" or ", expected.Select(s => s.ToString().ToLowerInvariant()))} can be {action}."));

    private static AuditEntry About(AuditEventType type, AuditActor actor, Campaign campaign, string? detail) =>
        new(type, actor) { SubjectType = AuditSubjects.Campaign, SubjectId = campaign.Id.ToString(CultureInfo.InvariantCulture), Detail = detail };
}

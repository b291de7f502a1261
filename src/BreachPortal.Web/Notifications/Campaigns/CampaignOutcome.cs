namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>Why a campaign action was refused. Each has a sentence for operators in <see cref="CampaignOutcome.Message"/>.</summary>
public enum CampaignProblem
{
    None = 0,
    NotFound,
    IncidentNotFound,
    NameMissing,
    LanguageUnknown,
    PolicyUnknown,
    RateOutOfRange,
    SmsWindowInvalid,
    EmailTemplateMissing,
    SmsTemplateMissing,
    TemplateMismatch,
    StaffNotOperator,
    SameStaffCannotApprove,
    WrongStatus,
}

/// <summary>The result of a campaign action: done, or refused with a reason naming what is wrong.</summary>
public sealed record CampaignOutcome(CampaignProblem Problem, string? Message, Campaign? Campaign)
{
    public bool Succeeded => Problem == CampaignProblem.None;

    public static CampaignOutcome Done(Campaign campaign) => new(CampaignProblem.None, null, campaign);

    public static CampaignOutcome Refused(CampaignProblem problem, string message) => new(problem, message, null);
}

namespace BreachPortal.Web.Notifications.Campaigns;

/// <summary>What an Operator asks for when creating a campaign; checked by <see cref="CampaignService.CreateAsync"/>.</summary>
public sealed record CampaignDraft
{
    public required string IncidentReference { get; init; }

    public required string Name { get; init; }

    public ChannelPolicy Policy { get; init; } = ChannelPolicy.EmailWithSmsFallback;

    public string Language { get; init; } = "fr";

    /// <summary>Null: the latest version for the incident, channel and language.</summary>
    public int? EmailTemplateId { get; init; }

    /// <summary>Null: the latest version for the incident, channel and language.</summary>
    public int? SmsTemplateId { get; init; }

    public int EmailsPerSecond { get; init; } = CampaignLimits.DefaultEmailsPerSecond;

    public int SmsPerSecond { get; init; } = CampaignLimits.DefaultSmsPerSecond;

    public TimeOnly SmsWindowStart { get; init; } = CampaignLimits.DefaultSmsWindowStart;

    public TimeOnly SmsWindowEnd { get; init; } = CampaignLimits.DefaultSmsWindowEnd;
}

public static class CampaignLimits
{
    public const int DefaultEmailsPerSecond = 2_000;
    public const int DefaultSmsPerSecond = 2_000;
    public const int MaxPerSecond = 100_000;

    /// <summary>SMS are not sent at night: 08:00–20:00 Paris time unless the campaign says otherwise.</summary>
    public static readonly TimeOnly DefaultSmsWindowStart = new(8, 0);

    public static readonly TimeOnly DefaultSmsWindowEnd = new(20, 0);
}

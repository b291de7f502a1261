using BreachPortal.Web.Incidents;

namespace BreachPortal.Web.Notifications.Ledger;

/// <summary>A message this process holds a lease on, with what it needs to compose it.</summary>
public sealed record ClaimedMessage(
    long Id,
    Guid LeaseToken,
    DateTimeOffset LeaseExpiresAt,
    int? CampaignId,
    MessageChannel Channel,
    long PersonId,
    string ReferenceCode,
    int Attempts,
    string Language,
    byte[]? Content,
    byte[]? Payload,
    byte[]? NirIndex,
    DataCategories ExposedData);

public enum SendOutcome
{
    Sent,
    Transient,
    Permanent,

    /// <summary>Never tried (the process is stopping): the claim is undone.</summary>
    Released,
}

/// <param name="Message">The message tried.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">A short code (<c>smtp-451</c>, <c>http-429</c>, <c>not-mobile</c>), never personal data.</param>
/// <param name="ProviderReference">The gateway's id, for an SMS accepted.</param>
/// <param name="NextAttemptAt">For a transient failure: when to try again.</param>
public sealed record SendResult(ClaimedMessage Message, SendOutcome Outcome, string? Reason, string? ProviderReference, DateTimeOffset NextAttemptAt);

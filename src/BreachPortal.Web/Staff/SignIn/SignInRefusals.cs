using BreachPortal.Web.Localization;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>
/// What the three sign-in pages (password, authenticator code, recovery code) record and show when Identity
/// refuses a step. A refusal that locks the account writes SignInLockedOut, whichever step it came from.
/// </summary>
public sealed class SignInRefusals(AuditLog audit, IStringLocalizer<SharedResource> text)
{
    /// <summary>Audits the lock-out and gives its message, or gives null when the refusal did not lock the account.</summary>
    public async Task<LocalizedString?> LockedOutAsync(SignInResult result, AuditActor actor, Guid staffId, CancellationToken cancellationToken)
    {
        if (!result.IsLockedOut)
        {
            return null;
        }

        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SignInLockedOut, actor, staffId), cancellationToken);
        return text["Staff.SignIn.LockedOut"];
    }

    /// <summary>
    /// A refused second factor: the failure as the page describes it, then the lock-out if this refusal caused one;
    /// gives the message to show (locked, disabled, or the page's own "wrong code" text).
    /// </summary>
    public async Task<string> SecondFactorAsync(
        SignInResult result, AuditEntry failure, string wrongCodeKey, AuditActor actor, Guid staffId, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(failure, cancellationToken);
        var message = await LockedOutAsync(result, actor, staffId, cancellationToken)
                      ?? text[result.IsNotAllowed ? "Staff.SignIn.Disabled" : wrongCodeKey];
        return message.Value;
    }
}

using BreachPortal.Web.Data;
using BreachPortal.Web.Hosting;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Staff.Accounts;

/// <summary>
/// Every change to a staff account goes through here, in one transaction with its audit event: creation by
/// invitation, roles, disabling, and resetting a second factor.
/// </summary>
public sealed partial class StaffAccounts(
    PortalDbContext db,
    UserManager<StaffUser> users,
    AuditLog audit,
    IEmailSender mail,
    IOptions<PortalOptions> portal,
    TimeProvider time,
    ILogger<StaffAccounts> logger)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>Staff addresses follow the registry's email rules, lower-cased whole so that one person has one account.</summary>
    public static string? NormalizeEmail(string? email) =>
        EmailAddress.Normalize(email) is { IsValid: true } address ? EmailAddress.BlindIndexForm(address.Value) : null;

    /// <summary>The <c>create-admin</c> verb: the first account, whose link is printed rather than mailed.</summary>
    /// <remarks>Run again for an administrator who never enrolled, it issues a new link: a lost first link must not lock the agency out.</remarks>
    public async Task<(AccountResult Result, Invitation? Invitation)> CreateAdministratorAsync(string email, CancellationToken cancellationToken)
    {
        var existing = NormalizeEmail(email) is { } address ? await users.FindByEmailAsync(address) : null;
        if (existing is { EnrolledAt: null, IsDisabled: false } && await users.IsInRoleAsync(existing, StaffRoles.Administrator))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var invitation = await IssueInvitationAsync(existing, InvitationPurpose.Enrolment, AuditActor.CommandLine, cancellationToken);
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.InvitationSent, AuditActor.CommandLine, existing.Id), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (AccountResult.Ok, invitation with { Reissued = true });
        }

        return await CreateAsync(AuditActor.CommandLine, email, [StaffRoles.Administrator], cancellationToken);
    }

    /// <summary>An administrator invites a colleague: the account is created and the link is emailed to them.</summary>
    public async Task<(AccountResult Result, Invitation? Invitation)> InviteAsync(AuditActor actor, string email, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var (result, invitation) = await CreateAsync(actor, email, roles, cancellationToken);
        if (invitation is not null)
        {
            await SendInvitationAsync(invitation, InvitationPurpose.Enrolment, cancellationToken);
        }

        return (result, invitation);
    }

    public async Task<AccountResult> ResendInvitationAsync(AuditActor actor, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return AccountResult.Fail("Staff.Error.UnknownAccount");
        }

        if (user.EnrolledAt is not null || user.IsDisabled)
        {
            return AccountResult.Fail("Staff.Error.NotAwaitingEnrolment");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invitation = await IssueInvitationAsync(user, InvitationPurpose.Enrolment, actor, cancellationToken);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.InvitationSent, actor, user.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SendInvitationAsync(invitation, InvitationPurpose.Enrolment, cancellationToken);
        return AccountResult.Ok;
    }

    public async Task<InvitationCheck> CheckInvitationAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return new InvitationCheck(InvitationState.Unknown, null, null);
        }

        var hash = InvitationTokens.Hash(token);
        var invitation = await db.Set<StaffInvitation>().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null)
        {
            return new InvitationCheck(InvitationState.Unknown, null, null);
        }

        var user = await users.FindByIdAsync(invitation.UserId.ToString());
        var state = invitation switch
        {
            { AcceptedAt: not null } => InvitationState.AlreadyUsed,
            { RevokedAt: not null } when user is { IsDisabled: true } => InvitationState.AccountDisabled,
            { RevokedAt: not null } => InvitationState.Superseded,
            _ when user is null || user.IsDisabled => InvitationState.AccountDisabled,
            _ when invitation.ExpiresAt <= time.GetUtcNow() => InvitationState.Expired,
            _ => InvitationState.Valid,
        };
        return new InvitationCheck(state, invitation, user);
    }

    /// <summary>
    /// First enrolment step: the password, and a fresh authenticator key to show as a QR code. Opening the
    /// link again starts over, with a new key; the link is spent only when a code from the key is confirmed.
    /// </summary>
    public async Task<IdentityResult> ChoosePasswordAsync(StaffUser user, string password, CancellationToken cancellationToken)
    {
        // A refused password leaves the transaction uncommitted: the old password, if any, is not removed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await users.HasPasswordAsync(user))
        {
            await users.RemovePasswordAsync(user);
        }

        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded)
        {
            return added;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await transaction.CommitAsync(cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>Second step: a code from the new key proves the app is set up; the link is spent and recovery codes are issued once.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmSecondFactorAsync(AuditActor actor, InvitationCheck check, string code, CancellationToken cancellationToken)
    {
        var user = check.User!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        var now = time.GetUtcNow();
        check.Invitation!.AcceptedAt = now;
        user.EnrolledAt = now;
        user.TwoFactorEnabled = true;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.InvitationAccepted, actor, user.Id), cancellationToken);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SecondFactorEnrolled, actor, user.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return codes;
    }

    public async Task<AccountResult> SetRolesAsync(AuditActor actor, Guid userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        if (roles.Count == 0 || roles.Any(r => !StaffRoles.IsKnown(r)))
        {
            return AccountResult.Fail("Staff.Error.RolesRequired");
        }

        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return AccountResult.Fail("Staff.Error.UnknownAccount");
        }

        var current = await users.GetRolesAsync(user);
        var removed = current.Except(roles, StringComparer.Ordinal).ToList();
        var added = roles.Except(current, StringComparer.Ordinal).ToList();
        if (removed.Contains(StaffRoles.Administrator) && await IsLastActiveAdministratorAsync(user))
        {
            return AccountResult.Fail("Staff.Error.LastAdministrator");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (removed.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, removed);
        }

        if (added.Count > 0)
        {
            await users.AddToRolesAsync(user, added);
        }

        foreach (var role in added)
        {
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.RoleGranted, actor, user.Id, role), cancellationToken);
        }

        foreach (var role in removed)
        {
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.RoleRevoked, actor, user.Id, role), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> DisableAsync(AuditActor actor, Guid userId, DisableReason reason, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return AccountResult.Fail("Staff.Error.UnknownAccount");
        }

        if (reason == DisableReason.Administrator && actor.StaffId == user.Id)
        {
            return AccountResult.Fail("Staff.Error.DisableSelf");
        }

        if (reason == DisableReason.Administrator && await IsLastActiveAdministratorAsync(user))
        {
            return AccountResult.Fail("Staff.Error.LastAdministrator");
        }

        if (user.IsDisabled)
        {
            return AccountResult.Ok;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsDisabled = true;
        user.DisabledReason = reason;
        user.DisabledAt = time.GetUtcNow();
        await RevokePendingInvitationsAsync(user.Id, cancellationToken);
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.AccountDisabled, actor, user.Id, reason.ToString()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AccountResult.Ok;
    }

    public async Task<AccountResult> EnableAsync(AuditActor actor, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return AccountResult.Fail("Staff.Error.UnknownAccount");
        }

        if (!user.IsDisabled)
        {
            return AccountResult.Ok;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsDisabled = false;
        user.DisabledReason = null;
        user.DisabledAt = null;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.AccountEnabled, actor, user.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AccountResult.Ok;
    }

    /// <summary>A lost phone: the factor is removed, every session ends, and a new link lets the person enrol again.</summary>
    public async Task<AccountResult> ResetSecondFactorAsync(AuditActor actor, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return AccountResult.Fail("Staff.Error.UnknownAccount");
        }

        if (user.IsDisabled)
        {
            return AccountResult.Fail("Staff.Error.AccountDisabled");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.TwoFactorEnabled = false;
        user.EnrolledAt = null;
        user.LastAuthenticatorTimeStep = null;
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes");
        await users.ResetAuthenticatorKeyAsync(user);
        var invitation = await IssueInvitationAsync(user, InvitationPurpose.SecondFactorReset, actor, cancellationToken);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.SecondFactorReset, actor, user.Id), cancellationToken);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.InvitationSent, actor, user.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SendInvitationAsync(invitation, InvitationPurpose.SecondFactorReset, cancellationToken);
        return AccountResult.Ok;
    }

    private async Task<(AccountResult, Invitation?)> CreateAsync(AuditActor actor, string email, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        var address = NormalizeEmail(email);
        if (address is null)
        {
            return (AccountResult.Fail("Staff.Error.InvalidEmail"), null);
        }

        if (roles.Count == 0 || roles.Any(r => !StaffRoles.IsKnown(r)))
        {
            return (AccountResult.Fail("Staff.Error.RolesRequired"), null);
        }

        if (await users.FindByEmailAsync(address) is not null)
        {
            return (AccountResult.Fail("Staff.Error.EmailTaken"), null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(),
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return (AccountResult.Fail("Staff.Error.CreateFailed", [.. created.Errors.Select(e => e.Description)]), null);
        }

        await users.AddToRolesAsync(user, roles);
        var invitation = await IssueInvitationAsync(user, InvitationPurpose.Enrolment, actor, cancellationToken);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.AccountCreated, actor, user.Id, $"{Mask.Email(address)} roles={string.Join(',', roles.Order(StringComparer.Ordinal))}"), cancellationToken);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.InvitationSent, actor, user.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (AccountResult.Ok, invitation);
    }

    private async Task<Invitation> IssueInvitationAsync(StaffUser user, InvitationPurpose purpose, AuditActor actor, CancellationToken cancellationToken)
    {
        await RevokePendingInvitationsAsync(user.Id, cancellationToken);
        var token = InvitationTokens.Create();
        var now = time.GetUtcNow();
        var invitation = new StaffInvitation
        {
            Id = Guid.CreateVersion7(),
            UserId = user.Id,
            TokenHash = InvitationTokens.Hash(token),
            Purpose = purpose,
            CreatedAt = now,
            ExpiresAt = now + InvitationTokens.Lifetime,
            CreatedBy = actor.StaffId,
        };
        db.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return new Invitation(user, EnrolmentLink(token), invitation.ExpiresAt);
    }

    private async Task RevokePendingInvitationsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.Set<StaffInvitation>()
            .Where(i => i.UserId == userId && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.RevokedAt, now), cancellationToken);
    }

    private async Task<bool> IsLastActiveAdministratorAsync(StaffUser user)
    {
        if (!await users.IsInRoleAsync(user, StaffRoles.Administrator) || user.IsDisabled)
        {
            return false;
        }

        var administrators = await users.GetUsersInRoleAsync(StaffRoles.Administrator);
        return !administrators.Any(a => !a.IsDisabled && a.Id != user.Id);
    }

    private string EnrolmentLink(string token) =>
        $"{portal.Value.PublicUrl.TrimEnd('/')}/staff/enrol?token={token}";

    private async Task SendInvitationAsync(Invitation invitation, InvitationPurpose purpose, CancellationToken cancellationToken)
    {
        var agency = portal.Value.AgencyName;
        var expires = invitation.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var why = purpose == InvitationPurpose.SecondFactorReset
            ? ("Votre second facteur a été réinitialisé par un administrateur.", "An administrator has reset your second factor.")
            : ($"Un compte de la console du personnel ({agency}) a été créé pour vous.", $"A staff console account ({agency}) has been created for you.");
        var body = $"""
            {why.Item1}
            Ouvrez ce lien pour choisir votre mot de passe et enregistrer votre application d'authentification. Il ne sert qu'une fois et expire le {expires}.

            {invitation.Link}

            Si vous n'attendiez pas ce message, ne l'ouvrez pas et prévenez votre équipe de sécurité.

            ---

            {why.Item2}
            Open this link to choose your password and register your authenticator app. It works once and expires on {expires}.

            {invitation.Link}

            If you did not expect this message, do not open it and tell your security team.
            """;
        try
        {
            await mail.SendAsync(new EmailMessage(invitation.User.Email!, "Votre accès à la console du personnel / Your staff console access", body), cancellationToken);
        }
        catch (Exception exception) when (exception is EmailRejectedException or TimeoutException or InvalidOperationException or IOException)
        {
            // The account exists and is audited; an administrator can send a new link from the staff page.
            LogInvitationNotSent(logger, invitation.User.Id, exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 3001, EventName = "InvitationNotSent", Level = LogLevel.Error, Message = "The invitation email for staff account {StaffId} could not be sent ({Error}).")]
    private static partial void LogInvitationNotSent(ILogger logger, Guid staffId, string error);
}

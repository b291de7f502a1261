using BreachPortal.Web.Data;
using BreachPortal.Web.Notifications.Channels.Sms;
using BreachPortal.Web.Privacy;
using BreachPortal.Web.Registry.Normalisation;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BreachPortal.Web.Staff.Accounts;

public enum PhoneCodeStatus
{
    Sent,
    Invalid,
    TooSoon,
    Failed,
}

/// <param name="Status">What happened.</param>
/// <param name="Phone">The normalised number the code was sent to (E.164), when sent.</param>
/// <param name="ErrorKey">Why the number was refused, as a text key.</param>
/// <param name="RetryAfter">When too soon: how long to wait.</param>
public sealed record PhoneCodeOutcome(PhoneCodeStatus Status, string? Phone = null, string? ErrorKey = null, TimeSpan? RetryAfter = null);

public enum PhoneConfirmStatus
{
    Verified,
    WrongCode,
    TooManyAttempts,
}

/// <summary>
/// A staff member's own mobile number, proven by a code sent to it by SMS, so that a campaign's test SMS reaches
/// someone who holds that phone. Codes are Identity's phone tokens (bound to the account's security stamp and to
/// the number); sending is limited per account, and after a few wrong codes a new one must be asked for, so that a
/// session left open cannot be used to send SMS at will or to guess a code.
/// </summary>
public sealed class StaffPhones(UserManager<StaffUser> users, ISmsSender sms, AuditLog audit, PortalDbContext db, TimeProvider time)
{
    public static readonly TimeSpan ResendDelay = TimeSpan.FromMinutes(1);
    public const int CodesPerHour = 5;
    public const int AttemptsPerCode = 5;

    public async Task<PhoneCodeOutcome> SendCodeAsync(StaffUser user, string? input, Func<string, string> text, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(text);
        var phone = PhoneNumber.Normalize(input);
        if (!phone.IsValid)
        {
            return new PhoneCodeOutcome(PhoneCodeStatus.Invalid, ErrorKey: phone.Reason == PhoneNumberReason.Empty ? "Staff.Phone.Error.Required" : "Staff.Phone.Error.Invalid");
        }

        if (!PhoneNumber.IsMobile(phone.Value))
        {
            return new PhoneCodeOutcome(PhoneCodeStatus.Invalid, ErrorKey: "Staff.Phone.Error.NotMobile");
        }

        var now = time.GetUtcNow();
        var recent = await db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ActorId == user.Id && e.Type == AuditEventType.PhoneCodeSent && e.OccurredAt > now.AddHours(-1))
            .Select(e => e.OccurredAt)
            .ToListAsync(cancellationToken);
        var wait = recent.Count == 0 ? TimeSpan.Zero : recent.Max() + ResendDelay - now;
        if (recent.Count >= CodesPerHour)
        {
            wait = TimeSpan.FromHours(1) - (now - recent.Min());
        }

        if (wait > TimeSpan.Zero)
        {
            return new PhoneCodeOutcome(PhoneCodeStatus.TooSoon, RetryAfter: wait);
        }

        var code = await users.GenerateChangePhoneNumberTokenAsync(user, phone.Value);
        try
        {
            await sms.SendAsync(new SmsMessage(phone.Value, text(code), $"STAFF-{Guid.NewGuid():N}"), cancellationToken);
        }
        catch (Exception e) when (e is SmsRejectedException or HttpRequestException or TimeoutException or InvalidOperationException)
        {
            return new PhoneCodeOutcome(PhoneCodeStatus.Failed);
        }

        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.PhoneCodeSent, actor, user.Id, $"to={Mask.Phone(phone.Value)}"), cancellationToken);
        return new PhoneCodeOutcome(PhoneCodeStatus.Sent, phone.Value);
    }

    public async Task<PhoneConfirmStatus> ConfirmAsync(StaffUser user, string phone, string? code, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lastSent = await db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ActorId == user.Id && e.Type == AuditEventType.PhoneCodeSent)
            .MaxAsync(e => (DateTimeOffset?)e.OccurredAt, cancellationToken);
        var rejected = lastSent is null ? 0 : await db.Set<AuditEvent>().AsNoTracking()
            .CountAsync(e => e.ActorId == user.Id && e.Type == AuditEventType.PhoneCodeRejected && e.OccurredAt >= lastSent, cancellationToken);
        if (lastSent is null || rejected >= AttemptsPerCode)
        {
            return PhoneConfirmStatus.TooManyAttempts;
        }

        var typed = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        var result = typed.Length == 0 ? IdentityResult.Failed() : await users.ChangePhoneNumberAsync(user, phone, typed);
        if (!result.Succeeded)
        {
            await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.PhoneCodeRejected, actor, user.Id), cancellationToken);
            return rejected + 1 >= AttemptsPerCode ? PhoneConfirmStatus.TooManyAttempts : PhoneConfirmStatus.WrongCode;
        }

        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.PhoneVerified, actor, user.Id, $"phone={Mask.Phone(phone)}"), cancellationToken);
        return PhoneConfirmStatus.Verified;
    }

    public async Task RemoveAsync(StaffUser user, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await users.SetPhoneNumberAsync(user, null);
        await audit.AppendAsync(AuditEntry.AboutStaff(AuditEventType.PhoneRemoved, actor, user.Id), cancellationToken);
    }

    /// <summary>The account's verified mobile number, or null.</summary>
    public async Task<string?> VerifiedPhoneAsync(Guid staffId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.Id == staffId && u.PhoneNumberConfirmed)
            .Select(u => u.PhoneNumber)
            .SingleOrDefaultAsync(cancellationToken);
}

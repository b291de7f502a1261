using BreachPortal.Web.Data;
using BreachPortal.Web.Mail;
using BreachPortal.Web.Staff.Accounts;
using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Staff.Guard;

/// <summary>
/// The exfiltration guard: the France Travail extraction went through legitimate adviser accounts, so volume
/// is the signal. Every view of a personal record is counted over a sliding hour; the view that would exceed
/// the threshold is refused, the account is disabled (all its sessions end), the event is audited and every
/// active administrator is alerted by email.
/// </summary>
public sealed partial class RecordViewGuard(
    PortalDbContext db,
    StaffAccounts accounts,
    AuditLog audit,
    UserManager<StaffUser> users,
    IEmailSender mail,
    IOptionsMonitor<RecordViewGuardOptions> options,
    TimeProvider time,
    ILogger<RecordViewGuard> logger)
{
    /// <summary>Call before showing a record; show it only when the answer is <see cref="RecordViewVerdict.Allowed"/>.</summary>
    public async Task<RecordViewVerdict> RecordViewAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var staffId = actor.StaffId ?? throw new InvalidOperationException("Only a signed-in staff member views records.");
        var max = options.CurrentValue.MaxViewsPerHour;
        var now = time.GetUtcNow();
        int viewsInWindow;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // One counter per person: simultaneous views from two tabs must not both slip under the threshold.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({staffId.ToString("N")}, 0))", cancellationToken);
            var since = now - RecordViewGuardOptions.Window;
            await db.Set<RecordView>().Where(v => v.StaffId == staffId && v.ViewedAt <= since).ExecuteDeleteAsync(cancellationToken);
            viewsInWindow = await db.Set<RecordView>().CountAsync(v => v.StaffId == staffId, cancellationToken);
            if (viewsInWindow < max)
            {
                db.Add(new RecordView { StaffId = staffId, ViewedAt = now });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return RecordViewVerdict.Allowed;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await LockAsync(actor, staffId, max, cancellationToken);
        return RecordViewVerdict.AccountLocked;
    }

    private async Task LockAsync(AuditActor actor, Guid staffId, int max, CancellationToken cancellationToken)
    {
        // Already locked (a second tab crossing at the same moment, or a view after the lock): one alert is enough.
        if (await users.FindByIdAsync(staffId.ToString()) is null or { IsDisabled: true })
        {
            return;
        }

        await audit.AppendAsync(
            AuditEntry.AboutStaff(AuditEventType.RecordViewThresholdCrossed, actor, staffId, $"more than {max} record views within one hour"),
            cancellationToken);
        await accounts.DisableAsync(AuditActor.System, staffId, DisableReason.ExfiltrationGuard, cancellationToken);
        LogLocked(logger, staffId, max);
        await AlertAdministratorsAsync(staffId, max, cancellationToken);
    }

    private async Task AlertAdministratorsAsync(Guid staffId, int max, CancellationToken cancellationToken)
    {
        var administrators = (await users.GetUsersInRoleAsync(StaffRoles.Administrator))
            .Where(a => !a.IsDisabled && a.EnrolledAt is not null && a.Id != staffId && a.Email is not null);
        var body = $"""
            Le compte du personnel {staffId} a consulté plus de {max} dossiers de personnes en une heure. Il a été désactivé et ses sessions sont terminées.
            Vérifiez le journal d'audit avant de le réactiver depuis la console (Administration > Personnel).

            Staff account {staffId} viewed more than {max} personal records within one hour. It has been disabled and its sessions have ended.
            Review the audit log before enabling it again from the console (Administration > Staff).
            """;
        foreach (var administrator in administrators)
        {
            try
            {
                await mail.SendAsync(new EmailMessage(administrator.Email!, "Alerte : compte verrouillé / Alert: account locked", body), cancellationToken);
            }
            catch (Exception exception) when (exception is EmailRejectedException or TimeoutException or InvalidOperationException or IOException)
            {
                LogAlertNotSent(logger, administrator.Id, exception.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 3101, EventName = "RecordViewThresholdCrossed", Level = LogLevel.Warning, Message = "Staff account {StaffId} crossed {Max} record views in one hour and was disabled.")]
    private static partial void LogLocked(ILogger logger, Guid staffId, int max);

    [LoggerMessage(EventId = 3102, EventName = "GuardAlertNotSent", Level = LogLevel.Error, Message = "The guard alert to administrator {StaffId} could not be sent ({Error}).")]
    private static partial void LogAlertNotSent(ILogger logger, Guid staffId, string error);
}

public enum RecordViewVerdict
{
    Allowed,
    AccountLocked,
}

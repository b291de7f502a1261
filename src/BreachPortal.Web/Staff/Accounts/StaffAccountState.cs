namespace BreachPortal.Web.Staff.Accounts;

/// <summary>An account's state in one word, as the staff pages name it (resource key suffix).</summary>
public static class StaffAccountState
{
    public static string Of(StaffUser user, DateTimeOffset now) => user switch
    {
        { IsDisabled: true, DisabledReason: DisableReason.ExfiltrationGuard } => "LockedByGuard",
        { IsDisabled: true } => "Disabled",
        { LockoutEnd: { } end } when end > now => "LockedOut",
        { EnrolledAt: null } => "AwaitingEnrolment",
        _ => "Active",
    };
}

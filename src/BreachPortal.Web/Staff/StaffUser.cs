using Microsoft.AspNetCore.Identity;

namespace BreachPortal.Web.Staff;

/// <summary>A member of the agency's staff. Accounts are created by invitation only, never by the person.</summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when the person has chosen a password and confirmed a second factor.</summary>
    public DateTimeOffset? EnrolledAt { get; set; }

    public bool IsDisabled { get; set; }

    public DisableReason? DisabledReason { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The last TOTP time step accepted, so that a code cannot be used twice.</summary>
    public long? LastAuthenticatorTimeStep { get; set; }
}

public enum DisableReason
{
    Administrator = 1,
    ExfiltrationGuard = 2,
}

namespace BreachPortal.Web.Staff.Accounts;

/// <summary>The outcome of an account operation; <see cref="ErrorKey"/> names the resource text shown to staff.</summary>
public sealed record AccountResult(string? ErrorKey, IReadOnlyList<string> Details)
{
    public static AccountResult Ok { get; } = new(null, []);

    public bool Succeeded => ErrorKey is null;

    public static AccountResult Fail(string errorKey, params string[] details) => new(errorKey, details);
}

/// <summary>A new account and the one-time link that lets its owner enrol.</summary>
public sealed record Invitation(StaffUser User, string Link, DateTimeOffset ExpiresAt)
{
    /// <summary>The account already existed and this link replaces an unused one.</summary>
    public bool Reissued { get; init; }
}

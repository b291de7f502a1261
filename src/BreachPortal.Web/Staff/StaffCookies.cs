namespace BreachPortal.Web.Staff;

public static class StaffCookies
{
    public const string Session = "bp.staff";
    public const string SecondFactorPending = "bp.staff.2fa";
    public const string Antiforgery = "bp.af";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
}

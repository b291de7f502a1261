namespace BreachPortal.Web.Checks.Abuse;

/// <summary>Puts a page's form submissions (not its GETs) under one of the per-client-address limits.</summary>
/// <param name="limit">One of <see cref="AbuseCounters"/>' names that has a window in <see cref="CheckRateLimits"/>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CitizenRateLimitAttribute(string limit) : Attribute
{
    public string Limit { get; } = limit;
}

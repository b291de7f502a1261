using Microsoft.AspNetCore.Mvc;

namespace BreachPortal.Web.Staff;

public static class StaffRedirects
{
    /// <summary>Where to go after signing in: the page asked for if it is on this site, else the console's home.</summary>
    public static string Safe(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : url.Page("/Staff/Index") ?? "/staff";
}

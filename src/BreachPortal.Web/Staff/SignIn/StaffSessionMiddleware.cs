using BreachPortal.Web.Staff.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BreachPortal.Web.Staff.SignIn;

/// <summary>
/// A staff cookie that cannot be decrypted was altered or forged (or its keys are gone): it is audited, deleted,
/// and the person is sent to sign in with an explanation, instead of being silently treated as a stranger.
/// </summary>
public sealed class StaffSessionMiddleware(RequestDelegate next)
{
    public const string RejectedQuery = "session=rejected";

    public async Task InvokeAsync(HttpContext context, AuditLog audit)
    {
        if (context.Request.Path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase)
            && context.Request.Cookies.ContainsKey(StaffCookies.Session))
        {
            var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            if (result.Failure is { Message: "Unprotect ticket failed" })
            {
                await audit.AppendAsync(new AuditEntry(AuditEventType.SessionCookieRejected, StaffActor.Of(context)), context.RequestAborted);
                context.Response.Cookies.Delete(StaffCookies.Session, new CookieOptions { Path = "/", Secure = true, SameSite = SameSiteMode.Strict, HttpOnly = true });
                context.Response.Redirect($"{context.Request.PathBase}/staff/sign-in?{RejectedQuery}");
                return;
            }
        }

        await next(context);
    }
}

using Microsoft.AspNetCore.Mvc;

namespace BreachPortal.Web.Pages.Check;

/// <summary>
/// 303 See Other after a form: the browser fetches the next page with a GET, so going back or reloading never
/// submits a code or a session form again.
/// </summary>
internal sealed class SeeOtherResult(string location) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.HttpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}

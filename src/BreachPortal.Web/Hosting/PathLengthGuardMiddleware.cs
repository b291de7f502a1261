namespace BreachPortal.Web.Hosting;

/// <summary>
/// No address of the portal is anywhere near this long; answering 414 early keeps absurd paths away
/// from routing and the logs. The status-code page then explains it in the visitor's language.
/// </summary>
public sealed class PathLengthGuardMiddleware(RequestDelegate next)
{
    public const int MaxPathLength = 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.Path.Value?.Length ?? 0) > MaxPathLength)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            return Task.CompletedTask;
        }

        return next(context);
    }
}

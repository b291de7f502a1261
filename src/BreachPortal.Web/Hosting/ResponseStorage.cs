namespace BreachPortal.Web.Hosting;

public static class ResponseStorage
{
    /// <summary>
    /// Asks browsers and proxies to keep no copy of the response. The headers are exactly those antiforgery sets on
    /// every page with a form: any other value makes it log a warning on each such request (a log line per citizen
    /// verification under load, written under the console sink's lock).
    /// </summary>
    public static void ForbidStoring(this HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }
}

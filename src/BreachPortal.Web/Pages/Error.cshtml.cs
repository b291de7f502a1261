using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BreachPortal.Web.Pages;

/// <summary>Every error the visitor can meet, in their language, without technical detail.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    private static readonly HashSet<int> Described = [400, 403, 404, 405, 414, 429, 500];

    public int Status { get; private set; }

    /// <summary>Resource key prefix for the heading and text shown.</summary>
    public string MessageKey => Described.Contains(Status) ? $"Error.{Status}" : "Error.Other";

    /// <summary>Lets a visitor quote the failed request to the help desk.</summary>
    public string RequestId { get; private set; } = "";

    /// <summary>For a 429: whole minutes until the limit lets the visitor in again (from <c>Retry-After</c>).</summary>
    public int? RetryAfterMinutes { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var reExecuted = Response.StatusCode >= 400;
        Status = reExecuted ? Response.StatusCode : code is >= 400 and <= 599 ? code.Value : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        RequestId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        if (Status == StatusCodes.Status429TooManyRequests && int.TryParse(Response.Headers.RetryAfter, out var seconds))
        {
            RetryAfterMinutes = Math.Max(1, (seconds + 59) / 60);
        }
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BreachPortal.Web.Checks.Abuse;

/// <summary>
/// ASP.NET Core's rate limiter for the citizen forms: a fixed window per limit and client address, applied to the
/// POSTs of pages marked <see cref="CitizenRateLimitAttribute"/>. A refusal is a 429 with <c>Retry-After</c>, shown
/// by the error page in the visitor's language, and counted for staff.
/// </summary>
public static class CitizenRateLimiting
{
    public static IServiceCollection AddCitizenRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<ContactRateLimiter>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            options.OnRejected = (context, _) =>
            {
                var limit = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<CitizenRateLimitAttribute>()?.Limit ?? "unknown";
                context.HttpContext.RequestServices.GetRequiredService<AbuseCounters>().Hit(limit);
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    SetRetryAfter(context.HttpContext.Response, retryAfter);
                }

                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<CitizenRateLimitAttribute>() is not { } marked)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var limits = context.RequestServices.GetRequiredService<IOptions<CheckOptions>>().Value.RateLimits;
        if (!limits.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var window = WindowOf(limits, marked.Limit);
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{marked.Limit}|{client}", _ => window.FixedWindow());
    }

    internal static RateLimitWindow WindowOf(CheckRateLimits limits, string limit) => limit switch
    {
        AbuseCounters.Check => limits.Check,
        AbuseCounters.Contact => limits.Contact,
        AbuseCounters.Code => limits.Code,
        AbuseCounters.Verify => limits.Verify,
        AbuseCounters.Report => limits.Report,
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, "No rate limit has this name."),
    };
}
